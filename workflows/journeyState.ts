/** Moved: the journey's state lives beside its decider (workflows/domain/journey/state.ts). */
export * from './domain/journey/state';
