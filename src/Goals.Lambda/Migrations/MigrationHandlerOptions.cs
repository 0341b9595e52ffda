namespace Goals.Lambda.Migrations;

/// <summary>
/// Time kept back from the function's deadline so CloudFormation always hears the outcome. Migrations are cancelled
/// at <c>deadline − ResponseReserve</c>; the response PUT then runs on its own <see cref="PutTimeout"/>, not on the
/// (by then cancelled) invocation token. <c>PutTimeout</c> must stay under <c>ResponseReserve</c> minus the runtime's
/// cancellation margin.
/// </summary>
public sealed class MigrationHandlerOptions
{
    public TimeSpan ResponseReserve { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan PutTimeout { get; set; } = TimeSpan.FromSeconds(8);
}
