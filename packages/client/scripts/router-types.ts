// Prints the router's procedure types as self-contained TypeScript for the published index.d.ts.
//
// Why not a .d.ts bundler (rollup-plugin-dts, API Extractor, dts-bundle-generator)? They copy declarations as
// written, and AppRouter is `typeof appRouter`, whose type carries the server's context (the drizzle database,
// better-auth's session, the vault sealer). Bundled, the client's types would import drizzle-orm, better-auth and
// zod, or point at nothing. A client needs only each procedure's input and output, so this asks the compiler for
// those, evaluated, and prints them as plain object types: no import of @callmine/*, zod or the server remains.
//
// TypeScript 7 (the repo's compiler) is the native port and has no JS API yet, so this uses the JS compiler of
// the 5.x line, installed as `typescript5` for this package only (see pnpm-workspace.yaml). It is the same
// language; the printed text is then type-checked by TypeScript 7 in the tarball's test.
import { dirname, join } from 'node:path';
import ts from 'typescript5';

/** Everything the published declarations need from the router, as TypeScript source text. */
export interface RouterTypes {
  meta: string;
  errorShape: string;
  transformer: string;
  record: string;
  /** src/index.ts's own declarations as the compiler emits them (they still import ./types.ts). */
  indexDeclarations: string;
}

/** A virtual module beside src/types.ts naming the types to print. */
const entrySource = `import type { AppRouter } from './types.ts';
type Config = AppRouter['_def']['_config']['$types'];
export type Meta = Config['meta'];
export type ErrorShape = Config['errorShape'];
export type Transformer = Config['transformer'];
export type Record = AppRouter['_def']['record'];
`;

function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

class Printer {
  private readonly active = new Set<ts.Type>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly program: ts.Program,
  ) {}

  /** A type every consumer has by name (Date, Map…): declared in TypeScript's own lib files. */
  private isLibType(type: ts.Type): boolean {
    const declarations = (type.aliasSymbol ?? type.getSymbol())?.getDeclarations() ?? [];
    return (
      declarations.length > 0 &&
      declarations.every((d) => this.program.isSourceFileDefaultLibrary(d.getSourceFile()))
    );
  }

  print(type: ts.Type, where: string): string {
    const { flags } = type;
    // The compiler's stand-in for a type it could not work out (a missing import, an error in a procedure) is an
    // `any` named "error": it must fail the pack, never reach the tarball as `any`.
    if (flags & ts.TypeFlags.Any && (type as { intrinsicName?: string }).intrinsicName === 'error') {
      throw new Error(`The compiler could not work out the type at ${where}: fix the compile error there.`);
    }
    if (flags & ts.TypeFlags.Any) return 'any';
    if (flags & ts.TypeFlags.Unknown) return 'unknown';
    if (flags & ts.TypeFlags.Never) return 'never';
    if (flags & ts.TypeFlags.Null) return 'null';
    if (flags & ts.TypeFlags.Undefined) return 'undefined';
    if (flags & ts.TypeFlags.Void) return 'void';
    if (flags & ts.TypeFlags.StringLiteral) return JSON.stringify((type as ts.StringLiteralType).value);
    if (flags & ts.TypeFlags.NumberLiteral) return String((type as ts.NumberLiteralType).value);
    if (flags & (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.TemplateLiteral)) {
      return this.checker.typeToString(type);
    }
    if (flags & (ts.TypeFlags.String | ts.TypeFlags.Number | ts.TypeFlags.Boolean | ts.TypeFlags.BigInt)) {
      return this.checker.typeToString(type);
    }
    if (type.isUnion()) return this.printUnion(type, where);
    if (type.isIntersection()) {
      const parts = type.types.map((t) => (t.isUnion() ? `(${this.print(t, where)})` : this.print(t, where)));
      return `(${parts.join(' & ')})`;
    }
    if (flags & ts.TypeFlags.Object) return this.printObject(type as ts.ObjectType, where);
    throw new Error(`Cannot print the type ${this.checker.typeToString(type)} at ${where}.`);
  }

  private printUnion(type: ts.UnionType, where: string): string {
    // The compiler stores `boolean` as `false | true`; print it as written.
    const parts = type.types.map((t) => this.print(t, where));
    const hasTrue = parts.includes('true');
    const hasFalse = parts.includes('false');
    const rest = parts.filter((p) => !(hasTrue && hasFalse && (p === 'true' || p === 'false')));
    // Arrays print as Array<…> and intersections in parentheses, so no member needs more.
    return [...rest, ...(hasTrue && hasFalse ? ['boolean'] : [])].join(' | ');
  }

  private printObject(type: ts.ObjectType, where: string): string {
    if (this.isLibType(type) && !this.checker.isArrayType(type) && !this.checker.isTupleType(type)) {
      return this.checker.typeToString(type);
    }
    if (this.active.has(type)) throw new Error(`Recursive type at ${where}: give it a name in contracts.`);
    this.active.add(type);
    try {
      if (this.checker.isArrayType(type)) {
        const [element] = this.checker.getTypeArguments(type as ts.TypeReference);
        const readonly = type.getSymbol()?.getName() === 'ReadonlyArray';
        return `${readonly ? 'ReadonlyArray' : 'Array'}<${element ? this.print(element, `${where}[]`) : 'unknown'}>`;
      }
      if (this.checker.isTupleType(type)) {
        const elements = this.checker.getTypeArguments(type as ts.TypeReference);
        return `[${elements.map((e, i) => this.print(e, `${where}[${i}]`)).join(', ')}]`;
      }
      if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
        throw new Error(`A function type at ${where} cannot travel as JSON.`);
      }
      const members: string[] = [];
      for (const info of this.checker.getIndexInfosOfType(type)) {
        const key = this.checker.typeToString(info.keyType);
        members.push(`[key: ${key}]: ${this.print(info.type, `${where}[${key}]`)};`);
      }
      for (const property of this.checker.getPropertiesOfType(type)) {
        const name = property.getName();
        const optional = property.flags & ts.SymbolFlags.Optional ? '?' : '';
        const propertyType = this.checker.getTypeOfSymbol(property);
        const key = isIdentifier(name) ? name : JSON.stringify(name);
        members.push(`${key}${optional}: ${this.print(propertyType, `${where}.${name}`)};`);
      }
      return members.length === 0 ? '{}' : `{ ${members.join(' ')} }`;
    } finally {
      this.active.delete(type);
    }
  }
}

/** The router record as text: nested objects of TRPCQueryProcedure / TRPCMutationProcedure. */
function printRecord(printer: Printer, checker: ts.TypeChecker, record: ts.Type, where: string): string {
  const members: string[] = [];
  for (const property of checker.getPropertiesOfType(record)) {
    const name = property.getName();
    const value = checker.getTypeOfSymbol(property);
    const path = where ? `${where}.${name}` : name;
    // A procedure's type is `{ _def: { procedure: true; type; $types: { input; output } } }`; anything else nests.
    const def = checker.getPropertyOfType(value, '_def');
    const defType = def && checker.getTypeOfSymbol(def);
    const types = defType && checker.getPropertyOfType(defType, '$types');
    let text: string;
    if (defType && types && checker.getPropertyOfType(defType, 'procedure')) {
      const kind = checker.getPropertyOfType(defType, 'type');
      const kindType = kind ? checker.getTypeOfSymbol(kind) : undefined;
      const procedureKind = kindType?.isStringLiteral() ? kindType.value : undefined;
      const wrapper = { query: 'TRPCQueryProcedure', mutation: 'TRPCMutationProcedure' }[
        procedureKind as 'query' | 'mutation'
      ];
      if (!wrapper)
        throw new Error(`The procedure ${path} is a ${procedureKind}: only queries and mutations.`);
      const $types = checker.getTypeOfSymbol(types);
      const part = (key: string) => {
        const symbol = checker.getPropertyOfType($types, key);
        if (!symbol) throw new Error(`The procedure ${path} has no ${key} type.`);
        return printer.print(checker.getTypeOfSymbol(symbol), `${path} ${key}`);
      };
      text = `${wrapper}<{ input: ${part('input')}; output: ${part('output')}; meta: ProcedureMeta }>`;
    } else {
      text = printRecord(printer, checker, value, path);
    }
    members.push(`${isIdentifier(name) ? name : JSON.stringify(name)}: ${text};`);
  }
  return `{ ${members.join(' ')} }`;
}

/**
 * Compiles the client with the repo's tsconfig, prints the router's types and emits src/index.ts's declarations;
 * fails on any compile error, so a type the compiler gave up on never reaches the tarball as `any`.
 */
export function printRouterTypes(clientDir: string): RouterTypes {
  const configPath = join(clientDir, 'tsconfig.json');
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
  if (!parsed) throw new Error(`Cannot read ${configPath}.`);
  const entry = join(clientDir, 'src', '__published-types__.ts');
  const index = join(clientDir, 'src', 'index.ts');
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    outDir: join(clientDir, 'dist', 'declarations'),
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => file === entry || fileExists.call(host, file);
  host.readFile = (file) => (file === entry ? entrySource : readFile.call(host, file));
  host.getSourceFile = (file, language, ...rest) =>
    file === entry
      ? ts.createSourceFile(file, entrySource, language)
      : getSourceFile.call(host, file, language, ...rest);
  const program = ts.createProgram({ rootNames: [entry, index], options, host });
  // Not getPreEmitDiagnostics: that type-checks every file the router reaches (the server, the data layer…), ~25 s
  // of the pack on 2 cores, and the repo's own tsc step checks those. Here: the syntax of every file, the options,
  // and the two roots' semantics, which resolve every type the tarball prints; an unresolved one fails the printer.
  const roots = [entry, index].flatMap((file) => {
    const source = program.getSourceFile(file);
    return source ? [source] : [];
  });
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...roots.flatMap((source) => program.getSemanticDiagnostics(source)),
  ];
  if (diagnostics.length > 0) {
    const text = ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => dirname(clientDir),
      getNewLine: () => '\n',
    });
    throw new Error(`The client does not compile with TypeScript ${ts.version}:\n${text}`);
  }
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error('The published-types entry did not compile.');
  const exported = (name: string) => {
    const symbol = checker.getExportsOfModule(moduleSymbol).find((s) => s.getName() === name);
    if (!symbol) throw new Error(`The published-types entry exports no ${name}.`);
    return checker.getDeclaredTypeOfSymbol(symbol);
  };
  let indexDeclarations = '';
  const emitted = program.emit(
    program.getSourceFile(index),
    (file, text) => {
      if (file.endsWith('index.d.ts')) indexDeclarations = text;
    },
    undefined,
    true,
  );
  if (emitted.emitSkipped || !indexDeclarations) throw new Error('src/index.ts emitted no declarations.');
  const printer = new Printer(checker, program);
  return {
    indexDeclarations,
    meta: printer.print(exported('Meta'), 'meta'),
    errorShape: printer.print(exported('ErrorShape'), 'errorShape'),
    transformer: printer.print(exported('Transformer'), 'transformer'),
    record: printRecord(printer, checker, exported('Record'), ''),
  };
}
