// Stands in for uWebSockets.js, which @deepstream/server depends on but only loads for "uws" endpoints.
// This project uses the default ws-based endpoints, so loading it is an error.
throw new Error('uWebSockets.js is not installed: use the ws-json or ws-binary endpoints');
