/**
 * `npm run lint`'s import boundaries (the rules are in scripts/importRules.ts), and a check that the
 * renderer's program (tsconfig.web.json) holds no Node types.
 *
 *   tsx scripts/check-imports.ts            every source file git knows (tracked or not ignored), then the web program
 *   tsx scripts/check-imports.ts FILE…      only those files' imports
 *
 * Prints one line per refused import, `file:line: message`, and exits 1 if there was any.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { IMPORT_RULES, type ImportRule } from './importRules';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCE = /\.[cm]?[jt]sx?$/;
const BUILTINS = new Set(builtinModules);

/** One refused import (or a file no rule covers). */
export interface Violation {
  file: string;
  line: number;
  message: string;
}

/** The module specifiers a file imports, with their lines: static, re-export, `import()`, `require()`, import types. */
export function importsOf(file: string, text: string): { specifier: string; line: number }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) {
      found.push({
        specifier: node.text,
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    )
      add(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The rule of the longest folder (or file) containing `file` (repository-relative, `/`-separated). */
export function ruleFor(file: string): ImportRule | undefined {
  const covers = (rule: ImportRule) =>
    rule.folder === '.' ? !file.includes('/') : file === rule.folder || file.startsWith(`${rule.folder}/`);
  return IMPORT_RULES.filter(covers).sort((a, b) => b.folder.length - a.folder.length)[0];
}

const stem = (path: string) => path.replace(SOURCE, '');

/** Why `specifier`, imported by `file` under `rule`, is refused; undefined when the rule allows it. */
function refusal(file: string, specifier: string, rule: ImportRule): string | undefined {
  if (specifier.startsWith('.')) {
    const target = stem(posix.normalize(posix.join(posix.dirname(file), specifier)));
    const allowed = rule.folders.some((entry) => target === stem(entry) || target.startsWith(`${entry}/`));
    return allowed ? undefined : `'${specifier}' (${target})`;
  }
  if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0] as string)) {
    return rule.builtins ? undefined : `the Node builtin '${specifier}'`;
  }
  const name = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : specifier.split('/')[0];
  return rule.packages.includes(name as string) ? undefined : `the package '${specifier}'`;
}

/** What a rule allows, in words, for messages. */
function allowance(rule: ImportRule): string {
  const packages = rule.packages.length ? `packages ${rule.packages.join(', ')}` : 'no packages';
  return `${rule.folders.join(', ') || 'nothing of the repository'}; ${packages}; ${rule.builtins ? 'Node builtins' : 'no Node builtins'}`;
}

/** The imports of `files` (repository-relative) their folders' rules refuse. */
export function checkImports(files: readonly string[], root = ROOT): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const rule = ruleFor(file);
    if (!rule) {
      violations.push({
        file,
        line: 1,
        message: 'no import rule covers this file: add its folder to scripts/importRules.ts',
      });
      continue;
    }
    for (const { specifier, line } of importsOf(file, readFileSync(join(root, file), 'utf8'))) {
      const what = refusal(file, specifier, rule);
      if (what === undefined) continue;
      const where = rule.folder === '.' ? 'a root file' : rule.folder;
      violations.push({
        file,
        line,
        message: `${where} may not import ${what}. It may import ${allowance(rule)}. ${rule.route}`,
      });
    }
  }
  return violations;
}

/** Every source file git knows, tracked or new and not ignored; dot folders (tool caches) excluded. */
export function sourceFiles(root = ROOT): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(listed.split('\0'))].filter(
    (f) => SOURCE.test(f) && !f.startsWith('.') && !f.includes('/.'),
  );
}

/**
 * The renderer's program must not see Node's types: one `import type` from Electron pulls @types/node
 * in, after which `process.env` and `node:fs` type-check in a page that has neither.
 */
export function webProgramNodeTypes(root = ROOT): Violation[] {
  const configPath = join(root, 'tsconfig.web.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const nodeTypes = program.getSourceFiles().filter((f) => f.fileName.includes('/node_modules/@types/node/'));
  if (nodeTypes.length === 0) return [];
  return [
    {
      file: 'tsconfig.web.json',
      line: 1,
      message: `the renderer's program holds ${nodeTypes.length} @types/node files: a file it compiles (src/renderer/src, src/shared, chromiumHost/pageBridge.ts) imports Node or Electron types, so process and node:fs would type-check in the page. Find the import with: npx tsc -p tsconfig.web.json --explainFiles`,
    },
  ];
}

function main(): void {
  const args = process.argv.slice(2).map((f) => relative(ROOT, join(process.cwd(), f)).split(sep).join('/'));
  const violations =
    args.length > 0 ? checkImports(args) : [...checkImports(sourceFiles()), ...webProgramNodeTypes()];
  for (const v of violations) process.stdout.write(`${v.file}:${v.line}: ${v.message}\n`);
  if (violations.length > 0) {
    process.stdout.write(
      `\n${violations.length} import boundary violation(s); the rules are in scripts/importRules.ts\n`,
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
