using Goals.Api.Schema;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.Api.Tests;

/// <summary>
/// The student SPA already speaks this contract: every type, field, argument and enum value in it must stay in
/// schema/goals.graphql with the same name, type and nullability. Additions are fine; changes are not.
/// </summary>
public sealed class SchemaContractTests
{
    private const string Contract = """
        type Query {
          goals(goalId: UUID): [Goal!]!
        }
        type Mutation {
          createGoal(input: CreateGoalInput!): CreateGoalPayload!
          updateGoal(input: UpdateGoalInput!): UpdateGoalPayload!
          deleteGoal(input: DeleteGoalInput!): DeleteGoalPayload!
        }
        type Goal {
          id: UUID!
          goalType: GoalType!
          title: String!
          information: String!
          complete: Boolean!
          dueAt: DateTime
          color: String
          tasks: [GoalTask!]!
          notes: [GoalNote!]!
          updatedAt: DateTime!
          createdAt: DateTime!
        }
        enum GoalType { DEVELOPING_ME HEALTH_AND_WELLBEING ACADEMIC EXTRA_CURRICULAR CAREER }
        type GoalTask { id: UUID! information: String! complete: Boolean! updatedAt: DateTime! createdAt: DateTime! }
        type GoalNote { id: UUID! information: String! updatedAt: DateTime! createdAt: DateTime! }
        """;

    public static TheoryData<string> ContractFields()
    {
        var data = new TheoryData<string>();
        foreach (var definition in Parser.Parse(Contract).Definitions)
        {
            if (definition is ObjectTypeDefinitionNode type)
                foreach (var field in type.Fields) data.Add($"{type.Name.Value}.{field.Name.Value}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ContractFields))]
    public void Contract_field_is_unchanged(string coordinate)
    {
        var (typeName, fieldName) = (coordinate.Split('.')[0], coordinate.Split('.')[1]);
        var expected = Parser.Parse(Contract).Definitions.OfType<ObjectTypeDefinitionNode>()
            .Single(t => t.Name.Value == typeName).Fields.Single(f => f.Name.Value == fieldName);

        var type = Assert.IsType<ObjectType>(GoalsSchema.Build().GetType(typeName));
        Assert.True(type.Fields.TryGetValue(fieldName, out var actual), $"{coordinate} is missing from schema/goals.graphql.");
        Assert.Equal(Printer.Print(expected.Type), actual!.Type.ToString());
        Assert.Equal(expected.Arguments.Select(a => (a.Name.Value, Printer.Print(a.Type))),
            actual.Arguments.Values.Select(a => (a.Name, a.Type.ToString())));
    }

    [Fact]
    public void Contract_enum_keeps_its_values_in_order()
    {
        var goalType = Assert.IsType<EnumType>(GoalsSchema.Build().GetType("GoalType"));
        Assert.Equal(["DEVELOPING_ME", "HEALTH_AND_WELLBEING", "ACADEMIC", "EXTRA_CURRICULAR", "CAREER"], goalType.Values.Keys);
    }

    [Fact]
    public void Contract_root_types_are_the_schema_roots()
    {
        var schema = GoalsSchema.Build();
        Assert.Equal("Query", schema.QueryType.Name);
        Assert.Equal("Mutation", schema.MutationType?.Name);
    }
}
