using System.Collections.Concurrent;
using Goals.GraphQL.DataLoader;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Execution;

/// <summary>
/// One execution of an operation (graphql-js ExecutionContext + execute). Engine work runs on one logical flow:
/// synchronously available values are completed depth-first at once (graphql-js order); resolvers that return an
/// incomplete ValueTask become pending work items whose completion is queued back to this flow. When no queued
/// completion is left, every data loader with queued keys is dispatched in one round (see <see cref="RunAsync"/>).
/// </summary>
internal sealed partial class ExecutionState
{
    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    private readonly ConcurrentQueue<FieldContext> _completed = new();
    private FieldContext? _spareLeafContext;
    private readonly AsyncSignal _signal = new();
    private int _pending;

    public ExecutionState(Schema schema, DocumentPlan plan, OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?> variables, ExecutionRequest request, ExecutorOptions options,
        DataLoaderContext dataLoaders, CancellationToken cancellationToken)
    {
        Schema = schema;
        Plan = plan;
        Operation = operation;
        Variables = variables;
        Services = request.Services ?? EmptyServiceProvider.Instance;
        UserContext = request.UserContext;
        Options = options;
        DataLoaders = dataLoaders;
        CancellationToken = cancellationToken;
        dataLoaders.KeysQueued = _signal.Set;
    }

    public Schema Schema { get; }
    public DocumentPlan Plan { get; }
    public OperationDefinitionNode Operation { get; }
    public IReadOnlyDictionary<string, object?> Variables { get; }
    public IServiceProvider Services { get; }
    public object? UserContext { get; }
    public ExecutorOptions Options { get; }
    public DataLoaderContext DataLoaders { get; }
    public CancellationToken CancellationToken { get; }
    public List<GraphQLError> Errors { get; } = [];

    // ---- answer size (ExecutorOptions.MaxResultBytes), estimated as values are completed ----

    /// <summary>A string's quotes; a key's quotes, colon and comma; a list item's comma; brackets.</summary>
    private const int StringOverhead = 2, EntryOverhead = 4, ItemOverhead = 1, ContainerOverhead = 2;

    /// <summary>A number, boolean or null: JSON holds most in a few bytes.</summary>
    private const int OtherLeafBytes = 8;

    private long _resultBytes;

    /// <summary>The answer passed <see cref="ExecutorOptions.MaxResultBytes"/>: nothing more is resolved or completed.</summary>
    public bool ResultTooLarge { get; private set; }

    private void CountResult(long bytes)
    {
        _resultBytes += bytes;
        if (_resultBytes > Options.MaxResultBytes) ResultTooLarge = true;
    }

    private static long LeafBytes(object? value) => value is string text ? text.Length + StringOverhead : OtherLeafBytes;

    public void EnqueueCompletion(FieldContext context)
    {
        _completed.Enqueue(context);
        _signal.Set();
    }

    /// <summary>Runs until no resolver is pending: completes queued results, and dispatches data loaders in rounds
    /// whenever nothing else can progress synchronously.</summary>
    public async Task RunAsync()
    {
        try
        {
            while (true)
            {
                Drain();
                var loads = DataLoaders.HasPendingLoads;
                if (_pending == 0 && !loads) return;
                CancellationToken.ThrowIfCancellationRequested();
                if (loads)
                {
                    await DataLoaders.DispatchPendingAsync(CancellationToken).ConfigureAwait(false);
                    continue;
                }

                await _signal.WaitAsync(CancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            await SettleAfterCancellationAsync().ConfigureAwait(false);
            if (AbandonedResolvers > 0) throw new ExecutionAbandonedException(AbandonedResolvers, CancellationToken);
            throw;
        }
    }

    /// <summary>Resolvers still running after a cancellation once the grace period was over (0 when all finished).</summary>
    public int AbandonedResolvers { get; private set; }

    /// <summary>
    /// After cancellation: start nothing new, fail every queued data-loader key (so the resolvers awaiting them finish),
    /// and wait until every resolver already started has finished — they saw the token — for at most
    /// <see cref="ExecutorOptions.CancellationGracePeriod"/>. Only then may the caller release what those resolvers use.
    /// </summary>
    private async Task SettleAfterCancellationAsync()
    {
        var deadline = Task.Delay(Options.CancellationGracePeriod);
        while (true)
        {
            DataLoaders.CancelQueued(CancellationToken);
            while (_completed.TryDequeue(out var context))
            {
                _pending--;
                ObserveAndDiscard(context.Pending);
            }

            if (_pending == 0) return;
            var completed = _signal.WaitAsync(CancellationToken.None);
            if (await Task.WhenAny(completed, deadline).ConfigureAwait(false) == deadline)
            {
                AbandonedResolvers = _pending;
                return;
            }
        }
    }

    private static void ObserveAndDiscard(ValueTask<object?> pending)
    {
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // The request was cancelled: the resolver's outcome goes nowhere.
        }
    }

    private void Drain()
    {
        while (_completed.TryDequeue(out var context))
        {
            _pending--;
            object? result;
            try
            {
                result = context.Pending.GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                HandleFieldError(ex, context.Field.Type, context.Collected, context.Node, context.Index, context.PathSegment);
                continue;
            }

            if (context.Node.IsDeadChain()) continue;
            CompleteField(context, result);
        }
    }
}
