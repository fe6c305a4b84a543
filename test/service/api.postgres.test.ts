// The HTTP API on PostgreSQL (a fresh database on the local server).
import { describe } from 'vitest';
import { apiSuite } from './api-suite.ts';

describe('API on PostgreSQL', () => apiSuite('postgres'));
