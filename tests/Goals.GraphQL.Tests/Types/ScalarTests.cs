using Goals.GraphQL.Language;
using Goals.GraphQL.Types.Scalars;

namespace Goals.GraphQL.Tests.Types;

public class ScalarTests
{
    [Fact]
    public void IntSerializeFollowsGraphQLJs()
    {
        var i = BuiltInScalars.Int;
        Assert.Equal(1, i.Serialize(true));
        Assert.Equal(3, i.Serialize(3.0));
        Assert.Equal(12, i.Serialize("12"));
        Assert.Equal(5, i.Serialize(5L));
        Assert.Equal("Int cannot represent non-integer value: 1.5", Assert.Throws<InvalidOperationException>(() => i.Serialize(1.5)).Message);
        Assert.Equal("Int cannot represent non 32-bit signed integer value: 2147483648",
            Assert.Throws<InvalidOperationException>(() => i.Serialize(2147483648L)).Message);
        Assert.Equal("Int cannot represent non-integer value: \"abc\"", Assert.Throws<InvalidOperationException>(() => i.Serialize("abc")).Message);
        Assert.Throws<GraphQLException>(() => i.ParseValue("1"));
        Assert.Throws<GraphQLException>(() => i.ParseValue(true));
        Assert.Equal(int.MinValue, i.ParseValue(-2147483648L));
        Assert.Throws<GraphQLException>(() => i.ParseLiteral(new IntValueNode { Value = "2147483648" }));
    }

    [Fact]
    public void OtherBuiltInScalars()
    {
        Assert.Equal(2.0, BuiltInScalars.Float.ParseValue(2L));
        Assert.Equal(1.0, BuiltInScalars.Float.Serialize(true));
        Assert.Equal("12", BuiltInScalars.ID.ParseValue(12L));
        Assert.Equal("12", BuiltInScalars.ID.Serialize(12));
        Assert.Throws<InvalidOperationException>(() => BuiltInScalars.ID.Serialize(1.5));
        Assert.Equal("true", BuiltInScalars.String.Serialize(true));
        Assert.Equal("1.5", BuiltInScalars.String.Serialize(1.5));
        Assert.Equal(false, BuiltInScalars.Boolean.Serialize(0));
        Assert.Throws<GraphQLException>(() => BuiltInScalars.Boolean.ParseValue(0L));
        Assert.Throws<GraphQLException>(() => BuiltInScalars.String.ParseValue(1L));
    }

    [Fact]
    public void Uuid()
    {
        var uuid = new UuidScalar();
        var g = Guid.Parse("3fa85f64-5717-4562-b3fc-2c963f66afa6");
        Assert.Equal(g, uuid.ParseValue("3FA85F64-5717-4562-B3FC-2C963F66AFA6"));
        Assert.Equal(g, uuid.ParseLiteral(new StringValueNode { Value = "3fa85f64-5717-4562-b3fc-2c963f66afa6" }));
        Assert.Equal("3fa85f64-5717-4562-b3fc-2c963f66afa6", uuid.Serialize(g));
        var ex = Assert.Throws<GraphQLException>(() => uuid.ParseValue("3fa85f6457174562b3fc2c963f66afa6"));
        Assert.Equal(ErrorCodes.BadUserInput, ex.Code);
        Assert.StartsWith("UUID cannot represent value: \"3fa85f6457174562b3fc2c963f66afa6\".", ex.Message, StringComparison.Ordinal);
        Assert.Throws<GraphQLException>(() => uuid.ParseValue(12L));
        Assert.Throws<GraphQLException>(() => uuid.ParseLiteral(new IntValueNode { Value = "1" }));
        Assert.Throws<InvalidOperationException>(() => uuid.Serialize(12));
    }

    [Fact]
    public void DateTimeRequiresOffsetAndOutputsUtcMilliseconds()
    {
        var dt = new DateTimeScalar();
        var parsed = Assert.IsType<DateTimeOffset>(dt.ParseValue("2026-01-02T03:04:05+02:00"));
        Assert.Equal(TimeSpan.FromHours(2), parsed.Offset);
        Assert.Equal("2026-01-02T01:04:05.000Z", dt.Serialize(parsed));
        Assert.Equal("2026-01-02T03:04:05.123Z", dt.Serialize(dt.ParseValue("2026-01-02T03:04:05.1234567Z")));
        Assert.Equal("2026-01-02T03:04:05.000Z", dt.Serialize(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
        foreach (var bad in new[] { "2026-01-02T03:04:05", "2026-01-02", "2026-13-02T03:04:05Z", "yesterday", "2026-01-02 03:04:05Z" })
        {
            var ex = Assert.Throws<GraphQLException>(() => dt.ParseValue(bad));
            Assert.Equal(ErrorCodes.BadUserInput, ex.Code);
            Assert.Contains("offset", ex.Message, StringComparison.Ordinal);
        }

        Assert.Throws<GraphQLException>(() => dt.ParseLiteral(new StringValueNode { Value = "2026-01-02T03:04:05" }));
        Assert.Throws<InvalidOperationException>(() => dt.Serialize("nope"));
    }
}
