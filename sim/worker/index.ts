// The engine's web worker: exposes the worker API over comlink. The only file that touches `self`.
import { expose } from 'comlink';
import { createWorkerApi } from './api';

expose(createWorkerApi(), self);
