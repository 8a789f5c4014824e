export const ROLES = ['admin', 'registrator', 'handlaggare', 'attestant', 'coordinator', 'reader'] as const;
export type Role = (typeof ROLES)[number];
