/** The journey as a decider: decide what a command or the clock means, evolve the state by what was recorded. */
export * from './decide';
export * from './events';
export * from './evolve';
export * from './offboarding';
export * from './state';
export * from './replay';
export * from './upcast';
export * from './gates';
export * from './digestEscalations';
