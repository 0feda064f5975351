// The decoy's provider module: another version of pulumi-turso-group installed where the name
// resolves from the program's directory. A lookup that loads it ran the wrong copy's code.
"use strict";
throw new Error("the decoy copy of pulumi-turso-group was loaded: a lookup ran another copy's code");
