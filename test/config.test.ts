import { ConfigError, loadConfig } from '../src/config';

describe('configuration', () => {
  it('defaults to embedded demo mode with the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, demo: true, demoPassword: 'demo', cookieSecure: false, sessionTtlMinutes: 480 });
  });

  it('with DATABASE_URL: no demo users unless asked, secure cookies', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/remiss' });
    expect(config).toMatchObject({ demo: false, cookieSecure: true });
  });

  it('stops with a message naming every bad variable', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SESSION_TTL_MINUTES: '-5' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SESSION_TTL_MINUTES']) expect(message).toContain(name);
    }
  });

  it('has no default secret outside embedded demo mode', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@db/remiss', DEMO: 'true' })).toThrow(/DEMO_PASSWORD/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/remiss', DEMO: 'true', DEMO_PASSWORD: 'långt-och-hemligt' }).demoPassword).toBe('långt-och-hemligt');
  });

  it('TRUST_PROXY: true is the one proxy in front, never every hop; counts and subnets as Express takes them', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,192.168.1.5' }).trustProxy).toBe('loopback, 10.0.0.0/8, 192.168.1.5');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });
});
