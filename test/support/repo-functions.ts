import fs from "node:fs";
import ts from "typescript";

export interface RepoFunction {
  file: string;
  name: string;
  line: number;
  /** The names of its parameters typed `WorkspaceId` (or an array of them). */
  workspaceParams: string[];
  /** Whether each of those is used in the body (a parameter taken and ignored guards nothing). */
  workspaceParamsUsed: boolean;
  /** The reason of a `// cross-tenant: <reason>` line in the comments right above it, if any. */
  crossTenant: string | null;
  /** Whether it takes a database handle or transaction (pure helpers in a repo file do not). */
  takesDatabase: boolean;
}

const CROSS_TENANT = /\/\/\s*cross-tenant:\s*(\S.*)$/m;

/** The exported functions of a repository file (declarations and `export const f = (…) =>`), parsed with TypeScript. */
export function repoFunctions(file: string, text = fs.readFileSync(file, "utf8")): RepoFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: RepoFunction[] = [];
  const visit = (
    node: ts.Node,
    name: string,
    fn: ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression,
    statement: ts.Node,
  ) => {
    const typeText = (p: ts.ParameterDeclaration) => p.type?.getText(source) ?? "";
    const workspaceParams = fn.parameters
      .filter((p) => /^(WorkspaceId|WorkspaceId\[\]|readonly WorkspaceId\[\])$/.test(typeText(p).trim()))
      .map((p) => p.name.getText(source));
    const body = fn.body?.getText(source) ?? "";
    const comments = (ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [])
      .map((r) => text.slice(r.pos, r.end))
      .join("\n");
    out.push({
      file,
      name,
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      workspaceParams,
      workspaceParamsUsed: workspaceParams.every((p) => new RegExp(`\\b${p}\\b`).test(body)),
      crossTenant: CROSS_TENANT.exec(comments)?.[1] ?? null,
      takesDatabase: fn.parameters.some((p) => /\b(AnyDb|Executor|Kysely|Transaction)\b/.test(typeText(p))),
    });
  };
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name)
      visit(statement, statement.name.text, statement, statement);
    if (ts.isVariableStatement(statement))
      for (const d of statement.declarationList.declarations)
        if (d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)))
          visit(d, d.name.getText(source), d.initializer, statement);
  }
  return out;
}
