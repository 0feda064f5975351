// The layout cells' program: it depends on mylib, never on pulumi-turso-group itself.
"use strict";
const lib = require("mylib");

exports.primary = lib.prod().primary;
exports.maybe = lib.maybe();
exports.names = lib.names();
