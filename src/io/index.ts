/**
 * Import/export and persistence (docs/architecture.md, "Persistence"; layers in docs/conventions.md). Plain TypeScript: no React, no DOM at import
 * time. The image export (imageExport.ts) is a browser adapter and is imported directly, not from
 * here, so that Node code never loads React Flow.
 */
export * from './escape';
export * from './json';
export * from './mermaid';
export * from './markdown';
export * from './shareLink';
export * from './safeUrl';
export * from './storageTypes';
export * from './storageAccess';
export * from './boardIndex';
export * from './boardStorage';
export * from './versioned';
export * from './throttle';
export * from './pageLifecycle';
