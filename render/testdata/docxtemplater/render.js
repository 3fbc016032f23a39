#!/usr/bin/env node
'use strict';
// render.js: renders templates with docxtemplater for render's differential
// test (render/differential_test.go). Usage: node render.js jobs.json, where
// jobs.json is [{"in": "a.docx", "out": "a-dt.docx", "data": {...}}, ...].
// Options are those of the peers benchmark: paragraphLoop and linebreaks.
// Prints one JSON line per job: {"out": ...} or {"error": ...}.
const fs = require('fs');
const PizZip = require('pizzip');
const Docxtemplater = require('docxtemplater');

const jobs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
for (const job of jobs) {
  try {
    const zip = new PizZip(fs.readFileSync(job.in));
    const doc = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true });
    doc.render(job.data);
    fs.writeFileSync(job.out, doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }));
    console.log(JSON.stringify({ out: job.out }));
  } catch (e) {
    const detail = e.properties && e.properties.errors ? e.properties.errors.map((x) => x.message + ' ' + JSON.stringify(x.properties && x.properties.explanation)).join('; ') : '';
    console.log(JSON.stringify({ error: String(e.message) + (detail ? ': ' + detail : '') }));
  }
}
