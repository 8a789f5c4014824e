/** Checks that read ../shared/seeds; kept out of `npm test` so a clone without ../shared still passes. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/seeds'],
  testMatch: ['**/*.seeds.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
};
