// Ownership and abuse limits of the API.
export * from './owner.ts';
export * from './rate-limit.ts';
