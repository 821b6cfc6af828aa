// Loaded with `node --require` into a backend process that the recording
// Electron fake (recording-electron.ts) starts in place of Electron's
// utilityProcess.fork. It gives the process what Electron gives a utility
// process, `process.parentPort`, over Node's IPC channel; a MessagePort the
// parent transfers arrives as a port whose messages travel the same channel,
// tagged with its id. Only the shape the backend uses is emulated.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EventEmitter } = require('node:events');

class EmulatedPort extends EventEmitter {
  constructor(id) {
    super();
    this.id = id;
    this.held = [];
    this.on('newListener', (event) => {
      if (event === 'message') setImmediate(() => this.held.splice(0).forEach((m) => this.emit('message', m)));
    });
  }
  deliver(event) {
    if (this.listenerCount('message') === 0) this.held.push(event);
    else this.emit('message', event);
  }
  postMessage(data) {
    if (process.connected) process.send({ port: this.id, data });
  }
  start() {}
  close() {
    ports.delete(this.id);
  }
}

const ports = new Map();
const parentPort = new EventEmitter();
// Like Electron's, the port holds messages until someone listens: the
// backend's modules may still be loading when the first one arrives.
const held = [];
parentPort.on('newListener', (event) => {
  if (event === 'message') setImmediate(() => held.splice(0).forEach((m) => parentPort.emit('message', m)));
});
parentPort.postMessage = (data) => {
  if (process.connected) process.send({ port: null, data });
};
parentPort.start = () => {};
parentPort.close = () => {};

process.on('message', (message) => {
  if (message.port === null) {
    const transferred = (message.ports || []).map((id) => {
      const port = new EmulatedPort(id);
      ports.set(id, port);
      return port;
    });
    const event = { data: message.data, ports: transferred };
    if (parentPort.listenerCount('message') === 0) held.push(event);
    else parentPort.emit('message', event);
    return;
  }
  ports.get(message.port)?.deliver({ data: message.data, ports: [] });
});
// Electron ends a utility process with its parent; so does this.
process.on('disconnect', () => process.exit(0));

Object.defineProperty(process, 'parentPort', { value: parentPort, enumerable: false });
