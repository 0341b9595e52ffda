using System.Text;

namespace Goals.GraphQL.Language;

/// <summary>Prints an AST back to GraphQL text exactly like graphql-js 16 <c>print</c>.</summary>
public static partial class Printer
{
    private const int MaxLineLength = 80;

    public static string Print(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return P(node);
    }

    private static string P(SyntaxNode? node) => node switch
    {
        null => "",
        NameNode n => n.Value,
        DocumentNode d => Join(d.Definitions, "\n\n"),
        OperationDefinitionNode op => PrintOperation(op),
        VariableDefinitionNode v => Wrap("", P(v.Description), "\n") + P(v.Variable) + ": " + P(v.Type) + Wrap(" = ", P(v.DefaultValue)) + Wrap(" ", Join(v.Directives, " ")),
        SelectionSetNode s => Block(s.Selections),
        FieldNode f => PrintField(f),
        ArgumentNode a => a.Name.Value + ": " + P(a.Value),
        FragmentSpreadNode fs => "..." + fs.Name.Value + Wrap(" ", Join(fs.Directives, " ")),
        InlineFragmentNode inf => JoinStrings(" ", "...", Wrap("on ", P(inf.TypeCondition)), Join(inf.Directives, " "), P(inf.SelectionSet)),
        FragmentDefinitionNode fd => Wrap("", P(fd.Description), "\n") + "fragment " + fd.Name.Value + " on " + P(fd.TypeCondition) + " " +
                                     Wrap("", Join(fd.Directives, " "), " ") + P(fd.SelectionSet),
        VariableNode v => "$" + v.Name.Value,
        IntValueNode i => i.Value,
        FloatValueNode f => f.Value,
        StringValueNode s => s.Block ? BlockString.Print(s.Value) : PrintString(s.Value),
        BooleanValueNode b => b.Value ? "true" : "false",
        NullValueNode => "null",
        EnumValueNode e => e.Value,
        ListValueNode l => "[" + Join(l.Values, ", ") + "]",
        ObjectValueNode o => "{" + Join(o.Fields, ", ") + "}",
        ObjectFieldNode of => of.Name.Value + ": " + P(of.Value),
        DirectiveNode d => "@" + d.Name.Value + Wrap("(", Join(d.Arguments, ", "), ")"),
        NamedTypeNode nt => nt.Name.Value,
        ListTypeNode lt => "[" + P(lt.Type) + "]",
        NonNullTypeNode nn => P(nn.Type) + "!",
        SchemaDefinitionNode sd => Wrap("", P(sd.Description), "\n") +
                                   JoinStrings(" ", "schema", Join(sd.Directives, " "), Block(sd.OperationTypes)),
        SchemaExtensionNode se => JoinStrings(" ", "extend schema", Join(se.Directives, " "), Block(se.OperationTypes)),
        OperationTypeDefinitionNode ot => OperationName(ot.Operation) + ": " + P(ot.Type),
        ScalarTypeDefinitionNode sc => Desc(sc) + JoinStrings(" ", Kw(sc, "scalar"), sc.Name.Value, Join(sc.Directives, " ")),
        ObjectTypeDefinitionNode ob => Desc(ob) + JoinStrings(" ", Kw(ob, "type"), ob.Name.Value,
            Wrap("implements ", Join(ob.Interfaces, " & ")), Join(ob.Directives, " "), Block(ob.Fields)),
        InterfaceTypeDefinitionNode it => Desc(it) + JoinStrings(" ", Kw(it, "interface"), it.Name.Value,
            Wrap("implements ", Join(it.Interfaces, " & ")), Join(it.Directives, " "), Block(it.Fields)),
        UnionTypeDefinitionNode u => Desc(u) + JoinStrings(" ", Kw(u, "union"), u.Name.Value, Join(u.Directives, " "),
            Wrap("= ", Join(u.Types, " | "))),
        EnumTypeDefinitionNode en => Desc(en) + JoinStrings(" ", Kw(en, "enum"), en.Name.Value, Join(en.Directives, " "), Block(en.Values)),
        InputObjectTypeDefinitionNode io => Desc(io) + JoinStrings(" ", Kw(io, "input"), io.Name.Value, Join(io.Directives, " "), Block(io.Fields)),
        FieldDefinitionNode fd => Wrap("", P(fd.Description), "\n") + fd.Name.Value + PrintArgDefs(fd.Arguments) + ": " + P(fd.Type) +
                                  Wrap(" ", Join(fd.Directives, " ")),
        InputValueDefinitionNode iv => Wrap("", P(iv.Description), "\n") +
                                       JoinStrings(" ", iv.Name.Value + ": " + P(iv.Type), Wrap("= ", P(iv.DefaultValue)), Join(iv.Directives, " ")),
        EnumValueDefinitionNode ev => Wrap("", P(ev.Description), "\n") + JoinStrings(" ", ev.Name.Value, Join(ev.Directives, " ")),
        DirectiveDefinitionNode dd => Wrap("", P(dd.Description), "\n") + "directive @" + dd.Name.Value + PrintArgDefs(dd.Arguments) +
                                      (dd.Repeatable ? " repeatable" : "") + " on " + Join(dd.Locations, " | "),
        _ => throw new ArgumentException("Unknown node " + node.GetType().Name, nameof(node)),
    };

    private static string Desc(TypeDefinitionNode node) => node.IsExtension ? "" : Wrap("", P(node.Description), "\n");
    private static string Kw(TypeDefinitionNode node, string keyword) => node.IsExtension ? "extend " + keyword : keyword;

    private static string OperationName(OperationType op) => op switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        _ => "subscription",
    };

    private static string PrintOperation(OperationDefinitionNode op)
    {
        var printedVars = new string[op.VariableDefinitions.Count];
        var multiline = false;
        for (var i = 0; i < printedVars.Length; i++)
        {
            printedVars[i] = P(op.VariableDefinitions[i]);
            if (printedVars[i].Contains('\n', StringComparison.Ordinal)) multiline = true;
        }

        var varDefs = multiline
            ? Wrap("(\n", JoinStrings("\n", printedVars), "\n)")
            : Wrap("(", JoinStrings(", ", printedVars), ")");
        var prefix = Wrap("", P(op.Description), "\n") +
                     JoinStrings(" ", OperationName(op.Operation), JoinStrings("", op.Name?.Value ?? "", varDefs), Join(op.Directives, " "));
        return (op.Operation == OperationType.Query && prefix.Length == 5 ? "" : prefix + " ") + P(op.SelectionSet);
    }

    private static string PrintField(FieldNode f)
    {
        var prefix = Wrap("", f.Alias?.Value ?? "", ": ") + f.Name.Value;
        var argsLine = prefix + Wrap("(", Join(f.Arguments, ", "), ")");
        if (argsLine.Length > MaxLineLength) argsLine = prefix + Wrap("(\n", Indent(Join(f.Arguments, "\n")), "\n)");
        return JoinStrings(" ", argsLine, Join(f.Directives, " "), P(f.SelectionSet));
    }

    private static string PrintArgDefs(IReadOnlyList<InputValueDefinitionNode> args)
    {
        var printed = new string[args.Count];
        var multiline = false;
        for (var i = 0; i < args.Count; i++)
        {
            printed[i] = P(args[i]);
            if (printed[i].Contains('\n', StringComparison.Ordinal)) multiline = true;
        }

        return multiline
            ? Wrap("(\n", Indent(JoinStrings("\n", printed)), "\n)")
            : Wrap("(", JoinStrings(", ", printed), ")");
    }

    private static string Join<T>(IReadOnlyList<T> nodes, string separator) where T : SyntaxNode
    {
        if (nodes.Count == 0) return "";
        var sb = new StringBuilder();
        var first = true;
        foreach (var node in nodes)
        {
            var s = P(node);
            if (s.Length == 0) continue;
            if (!first) sb.Append(separator);
            sb.Append(s);
            first = false;
        }

        return sb.ToString();
    }

    private static string JoinStrings(string separator, params string[] parts)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var s in parts)
        {
            if (s.Length == 0) continue;
            if (!first) sb.Append(separator);
            sb.Append(s);
            first = false;
        }

        return sb.ToString();
    }

    private static string Block<T>(IReadOnlyList<T> nodes) where T : SyntaxNode =>
        nodes.Count == 0 ? "" : "{\n" + Indent(Join(nodes, "\n")) + "\n}";

    private static string Wrap(string start, string value, string end = "") => value.Length == 0 ? "" : start + value + end;

    private static string Indent(string value) => Wrap("  ", value.Replace("\n", "\n  ", StringComparison.Ordinal));

    /// <summary>graphql-js printString: a double-quoted string literal with JSON-like escapes.</summary>
    public static string PrintString(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20 || c is >= (char)0x7F and <= (char)0x9F)
                        sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
