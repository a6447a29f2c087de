/// <reference lib="webworker" />
// Auto-layout off the main thread. Evaluated in a worker, ELK's worker script installs its own
// message handler on `self` and answers the protocol of elkjs's small API client (elk-api.js), which
// src/ui/canvas/autoLayout.ts drives. ELK (~1.4 MB of compiled Java) thus never runs on the page.
import 'elkjs/lib/elk-worker.min.js';
