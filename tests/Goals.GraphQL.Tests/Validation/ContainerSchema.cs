using Goals.GraphQL.Types;

namespace Goals.GraphQL.Tests.Validation;

/// <summary>A schema for field-merging cases: overlapping abstract/object types, wrapped types, lists, arguments.</summary>
internal static class ContainerSchema
{
    public const string Sdl = """
        interface Container {
          inner: Container
          label: String
        }

        type TextContainer implements Container {
          value: String
          inner: TextContainer
          label: String
          many: [TextContainer]
          text: TextContainer
          number: NumberContainer
        }

        type NumberContainer implements Container {
          value: Int
          inner: NumberContainer
          label: String
          many: [TextContainer]
          text: TextContainer
          number: NumberContainer
        }

        interface RequiredText1 {
          value: String!
        }

        type RequiredText1Impl implements Container & RequiredText1 {
          value: String!
          label: String
          inner: Container
        }

        interface RequiredText2 {
          value: String!
        }

        type RequiredText2Impl implements Container & RequiredText2 {
          value: String!
          label: String
          inner: Container
        }

        type Page {
          edges: [Edge]
        }

        type Edge {
          node: Item
        }

        type Item {
          id: ID
          title: String
          related: [Item!]!
        }

        input Filter {
          a: String
          b: String
        }

        type Query {
          container: Container
          page: Page
          item(id: ID, filter: Filter): Item
          search(a: String, b: String): [Item]
        }
        """;

    private static Schema? _schema;
    public static Schema Schema => _schema ??= TestSchemaBuilder.Build(Sdl);
}
