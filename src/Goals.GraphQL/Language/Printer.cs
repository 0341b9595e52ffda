using System.Text;

namespace Goals.GraphQL.Language;

/// <summary>
/// Prints an AST back to GraphQL text exactly like graphql-js 16 <c>print</c>. Writes into one buffer; every newline
/// written inside a block gets the block's indentation (as graphql-js's indent() does, block strings included), and the
/// recursion is one small frame per nesting level.
/// </summary>
public static partial class Printer
{
    private const int MaxLineLength = 80;

    public static string Print(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var w = new Writer();
        w.Node(node);
        return w.ToString();
    }

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

    private static string OperationName(OperationType op) => op switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        _ => "subscription",
    };

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();
        private int _indent;

        public override string ToString() => _sb.ToString();

        private int Length => _sb.Length;

        /// <summary>Writes text; each newline in it is followed by the current indentation.</summary>
        private void Write(string text)
        {
            if (_indent == 0 || !text.Contains('\n', StringComparison.Ordinal))
            {
                _sb.Append(text);
                return;
            }

            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != '\n') continue;
                _sb.Append(text, start, i - start).Append('\n').Append(' ', _indent * 2);
                start = i + 1;
            }

            _sb.Append(text, start, text.Length - start);
        }

        private void Write(char c) => _sb.Append(c);

        private void NewLine() => _sb.Append('\n').Append(' ', _indent * 2);

        private static string Render(SyntaxNode node)
        {
            var w = new Writer();
            w.Node(node);
            return w.ToString();
        }

        /// <summary>Items each on their own line inside an indented { } block; nothing for an empty list.</summary>
        private void Block<T>(IReadOnlyList<T> nodes) where T : SyntaxNode
        {
            if (nodes.Count == 0) return;
            Write('{');
            _indent++;
            foreach (var node in nodes)
            {
                NewLine();
                Node(node);
            }

            _indent--;
            NewLine();
            Write('}');
        }

        /// <summary>Writes the nodes separated by sep; returns whether anything was written.</summary>
        private bool Join<T>(IReadOnlyList<T> nodes, string sep) where T : SyntaxNode
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                if (i > 0) Write(sep);
                Node(nodes[i]);
            }

            return nodes.Count > 0;
        }

        /// <summary>" " then the directives, when there are any.</summary>
        private void Directives(IReadOnlyList<DirectiveNode> directives)
        {
            if (directives.Count == 0) return;
            Write(' ');
            Join(directives, " ");
        }

        private void Description(StringValueNode? description)
        {
            if (description is null) return;
            Node(description);
            NewLine();
        }

        /// <summary>Argument definitions: on one line, or one per indented line when any of them spans lines.</summary>
        private void ArgumentDefinitions(IReadOnlyList<InputValueDefinitionNode> args)
        {
            if (args.Count == 0) return;
            var printed = new string[args.Count];
            var multiline = false;
            for (var i = 0; i < printed.Length; i++)
            {
                printed[i] = Render(args[i]);
                multiline |= printed[i].Contains('\n', StringComparison.Ordinal);
            }

            Parenthesized(printed, multiline);
        }

        /// <summary>"(a, b)" on one line, or each item on its own indented line.</summary>
        private void Parenthesized(string[] printed, bool onePerLine)
        {
            Write('(');
            if (!onePerLine)
            {
                Write(string.Join(", ", printed));
                Write(')');
                return;
            }

            _indent++;
            foreach (var p in printed)
            {
                NewLine();
                Write(p);
            }

            _indent--;
            NewLine();
            Write(')');
        }

        /// <summary>Dispatch only: the per-kind work lives in small methods so deep documents use little stack per level.</summary>
        public void Node(SyntaxNode node)
        {
            switch (node)
            {
                case FieldNode f: Field(f); break;
                case SelectionSetNode s: Block(s.Selections); break;
                case InlineFragmentNode inf: InlineFragment(inf); break;
                case ValueNode v: Value(v); break;
                case NameNode n: Write(n.Value); break;
                case TypeNode t: Type(t); break;
                case DirectiveNode d: Directive(d); break;
                case ArgumentNode a: Argument(a); break;
                case FragmentSpreadNode fs: FragmentSpread(fs); break;
                default: Other(node); break;
            }
        }

        private void Argument(ArgumentNode a)
        {
            Write(a.Name.Value);
            Write(": ");
            Node(a.Value);
        }

        private void FragmentSpread(FragmentSpreadNode fs)
        {
            Write("...");
            Write(fs.Name.Value);
            Directives(fs.Directives);
        }

        private void Directive(DirectiveNode d)
        {
            Write('@');
            Write(d.Name.Value);
            if (d.Arguments.Count == 0) return;
            Write('(');
            Join(d.Arguments, ", ");
            Write(')');
        }

        private void Type(TypeNode type)
        {
            switch (type)
            {
                case NamedTypeNode nt:
                    Write(nt.Name.Value);
                    break;
                case ListTypeNode lt:
                    Write('[');
                    Node(lt.Type);
                    Write(']');
                    break;
                case NonNullTypeNode nn:
                    Node(nn.Type);
                    Write('!');
                    break;
            }
        }

        private void Value(ValueNode value)
        {
            switch (value)
            {
                case VariableNode v:
                    Write('$');
                    Write(v.Name.Value);
                    break;
                case IntValueNode i: Write(i.Value); break;
                case FloatValueNode f: Write(f.Value); break;
                case StringValueNode s: Write(s.Block ? BlockString.Print(s.Value) : PrintString(s.Value)); break;
                case BooleanValueNode b: Write(b.Value ? "true" : "false"); break;
                case NullValueNode: Write("null"); break;
                case EnumValueNode e: Write(e.Value); break;
                case ListValueNode l:
                    Write('[');
                    Join(l.Values, ", ");
                    Write(']');
                    break;
                case ObjectValueNode o:
                    Write('{');
                    Join(o.Fields, ", ");
                    Write('}');
                    break;
            }
        }

        private void Other(SyntaxNode node)
        {
            switch (node)
            {
                case DocumentNode d: Join(d.Definitions, "\n\n"); break;
                case OperationDefinitionNode op: Operation(op); break;
                case VariableDefinitionNode v: VariableDefinition(v); break;
                case FragmentDefinitionNode fd: FragmentDefinition(fd); break;
                case ObjectFieldNode of:
                    Write(of.Name.Value);
                    Write(": ");
                    Node(of.Value);
                    break;
                case SchemaDefinitionNode sd:
                    Description(sd.Description);
                    Write("schema");
                    Directives(sd.Directives);
                    if (sd.OperationTypes.Count > 0) Write(' ');
                    Block(sd.OperationTypes);
                    break;
                case SchemaExtensionNode se:
                    Write("extend schema");
                    Directives(se.Directives);
                    if (se.OperationTypes.Count > 0) Write(' ');
                    Block(se.OperationTypes);
                    break;
                case OperationTypeDefinitionNode ot:
                    Write(OperationName(ot.Operation));
                    Write(": ");
                    Node(ot.Type);
                    break;
                case TypeDefinitionNode td: TypeDefinition(td); break;
                case FieldDefinitionNode fd:
                    Description(fd.Description);
                    Write(fd.Name.Value);
                    ArgumentDefinitions(fd.Arguments);
                    Write(": ");
                    Node(fd.Type);
                    Directives(fd.Directives);
                    break;
                case InputValueDefinitionNode iv:
                    Description(iv.Description);
                    Write(iv.Name.Value);
                    Write(": ");
                    Node(iv.Type);
                    if (iv.DefaultValue is not null)
                    {
                        Write(" = ");
                        Node(iv.DefaultValue);
                    }

                    Directives(iv.Directives);
                    break;
                case EnumValueDefinitionNode ev:
                    Description(ev.Description);
                    Write(ev.Name.Value);
                    Directives(ev.Directives);
                    break;
                case DirectiveDefinitionNode dd:
                    Description(dd.Description);
                    Write("directive @");
                    Write(dd.Name.Value);
                    ArgumentDefinitions(dd.Arguments);
                    if (dd.Repeatable) Write(" repeatable");
                    Write(" on ");
                    Join(dd.Locations, " | ");
                    break;
                default:
                    throw new ArgumentException("Unknown node " + node.GetType().Name, nameof(node));
            }
        }

        private void Operation(OperationDefinitionNode op)
        {
            var prefixStart = Length;
            Description(op.Description);
            Write(OperationName(op.Operation));
            var hasName = op.Name is not null;
            var hasVars = op.VariableDefinitions.Count > 0;
            if (hasName || hasVars) Write(' ');
            if (hasName) Write(op.Name!.Value);
            if (hasVars)
            {
                var printed = new string[op.VariableDefinitions.Count];
                var multiline = false;
                for (var i = 0; i < printed.Length; i++)
                {
                    printed[i] = Render(op.VariableDefinitions[i]);
                    multiline |= printed[i].Contains('\n', StringComparison.Ordinal);
                }

                // graphql-js does not indent multi-line variable definitions.
                Write(multiline ? "(\n" : "(");
                Write(string.Join(multiline ? "\n" : ", ", printed));
                Write(multiline ? "\n)" : ")");
            }

            Directives(op.Directives);

            // Anonymous queries with no description, directives or variables use the shorthand form.
            if (op.Operation == OperationType.Query && Length - prefixStart == 5) _sb.Length = prefixStart;
            else Write(' ');
            Node(op.SelectionSet);
        }

        private void VariableDefinition(VariableDefinitionNode v)
        {
            Description(v.Description);
            Node(v.Variable);
            Write(": ");
            Node(v.Type);
            if (v.DefaultValue is not null)
            {
                Write(" = ");
                Node(v.DefaultValue);
            }

            Directives(v.Directives);
        }

        private void Field(FieldNode f)
        {
            if (f.Alias is not null)
            {
                Write(f.Alias.Value);
                Write(": ");
            }

            Write(f.Name.Value);
            if (f.Arguments.Count > 0) FieldArguments(f);
            Directives(f.Directives);
            if (f.SelectionSet is { Selections.Count: > 0 })
            {
                Write(' ');
                Node(f.SelectionSet);
            }
        }

        private void FieldArguments(FieldNode f)
        {
            {
                var printed = new string[f.Arguments.Count];
                var joinedLength = 0;
                for (var i = 0; i < printed.Length; i++)
                {
                    printed[i] = Render(f.Arguments[i]);
                    joinedLength += (i == 0 ? 0 : 2) + printed[i].Length;
                }

                var prefixLength = (f.Alias is null ? 0 : f.Alias.Value.Length + 2) + f.Name.Value.Length;
                Parenthesized(printed, prefixLength + joinedLength + 2 > MaxLineLength);
            }
        }

        private void InlineFragment(InlineFragmentNode inf)
        {
            Write("...");
            if (inf.TypeCondition is not null)
            {
                Write(" on ");
                Write(inf.TypeCondition.Name.Value);
            }

            Directives(inf.Directives);
            if (inf.SelectionSet.Selections.Count > 0) Write(' ');
            Node(inf.SelectionSet);
        }

        private void FragmentDefinition(FragmentDefinitionNode fd)
        {
            Description(fd.Description);
            Write("fragment ");
            Write(fd.Name.Value);
            Write(" on ");
            Write(fd.TypeCondition.Name.Value);
            Write(' ');
            if (fd.Directives.Count > 0)
            {
                Join(fd.Directives, " ");
                Write(' ');
            }

            Node(fd.SelectionSet);
        }

        private void TypeDefinition(TypeDefinitionNode td)
        {
            if (!td.IsExtension) Description(td.Description);
            if (td.IsExtension) Write("extend ");
            Write(td switch
            {
                ScalarTypeDefinitionNode => "scalar",
                ObjectTypeDefinitionNode => "type",
                InterfaceTypeDefinitionNode => "interface",
                UnionTypeDefinitionNode => "union",
                EnumTypeDefinitionNode => "enum",
                _ => "input",
            });
            Write(' ');
            Write(td.Name.Value);
            switch (td)
            {
                case ObjectTypeDefinitionNode o:
                    Implements(o.Interfaces);
                    Directives(o.Directives);
                    Fields(o.Fields);
                    break;
                case InterfaceTypeDefinitionNode i:
                    Implements(i.Interfaces);
                    Directives(i.Directives);
                    Fields(i.Fields);
                    break;
                case UnionTypeDefinitionNode u:
                    Directives(u.Directives);
                    if (u.Types.Count > 0)
                    {
                        Write(" = ");
                        Join(u.Types, " | ");
                    }

                    break;
                case EnumTypeDefinitionNode e:
                    Directives(e.Directives);
                    Fields(e.Values);
                    break;
                case InputObjectTypeDefinitionNode io:
                    Directives(io.Directives);
                    Fields(io.Fields);
                    break;
                default:
                    Directives(td.Directives);
                    break;
            }
        }

        private void Implements(IReadOnlyList<NamedTypeNode> interfaces)
        {
            if (interfaces.Count == 0) return;
            Write(" implements ");
            Join(interfaces, " & ");
        }

        private void Fields<T>(IReadOnlyList<T> fields) where T : SyntaxNode
        {
            if (fields.Count == 0) return;
            Write(' ');
            Block(fields);
        }
    }
}
