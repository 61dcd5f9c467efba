/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for node --require */
// Preloaded with --require where a network namespace cannot be made: any connection that is not
// to this machine (a host name to look up, or an address off the loopback) ends the process with
// exit code 97 and says where it went.
const net = require('node:net');
const dns = require('node:dns');

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function refuse(where) {
  process.stderr.write(`NETWORK ACCESS: ${where}\n`);
  process.exit(97);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect hands its arguments on already normalised: [[options, callback]].
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  if (!options.path && !LOOPBACK.test(options.host ?? 'localhost')) refuse(`${options.host}:${options.port}`);
  return connect.apply(this, args);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name];
  dns[name] = function (host, ...rest) {
    if (!LOOPBACK.test(host)) refuse(`DNS ${host}`);
    return original.call(this, host, ...rest);
  };
}
