// The strategy for each kind the apiserver serves.
import type { Kind } from '../model/types';
import type { Strategy } from './strategy';

export const strategies: Partial<Record<Kind, Strategy>> = {};
