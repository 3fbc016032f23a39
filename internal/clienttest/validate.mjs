// validate.mjs validates several OOXML files in one Node process with the
// Open XML SDK validator of @ooxml-tools/validate (the library behind the
// ooxml-validate command), paying its WebAssembly start-up once.
//
// usage: node validate.mjs <path to @ooxml-tools/validate/dist/npm/index.js> file...
// output: one JSON object per line and per file, in argument order:
//   {"file": "...", "errors": [{"id", "description", "path": {"partUri", "xpath"}, ...}]}
//   {"file": "...", "failure": "message"}   when the file could not be validated
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const [lib, ...files] = process.argv.slice(2);
if (!lib || files.length === 0) {
  console.error("usage: node validate.mjs <validate/index.js> file...");
  process.exit(2);
}
const mod = await import(pathToFileURL(lib).href);
const validate = mod.default;
const version = process.env.OOXML_OFFICE_VERSION || "Microsoft365";
for (const file of files) {
  let line;
  try {
    const data = await readFile(file);
    const format = mod.getFileFormatFromName ? mod.getFileFormatFromName(file) : undefined;
    const errors = await validate(data, format ?? "docx", version);
    line = { file, errors };
  } catch (e) {
    const message = e && e.message ? e.message : String(e);
    const stack = e && e.stack ? String(e.stack).split("\n").slice(0, 4).join("\n") : "";
    line = { file, failure: message, stack };
  }
  process.stdout.write(JSON.stringify(line) + "\n");
}
process.exit(0);
