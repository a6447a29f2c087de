export * from './graph';
export * from './structural';
export * from './behavioural';
export * from './grade';
export * from './simRunner';
