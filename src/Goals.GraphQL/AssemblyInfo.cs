namespace Goals.GraphQL;
internal static class Placeholder { }
