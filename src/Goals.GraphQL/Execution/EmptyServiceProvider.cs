namespace Goals.GraphQL.Execution;

/// <summary>The services of a request that brings none.</summary>
internal sealed class EmptyServiceProvider : IServiceProvider
{
    public static readonly EmptyServiceProvider Instance = new();
    public object? GetService(Type serviceType) => null;
}
