using System.Threading.Channels;

namespace ActorCity.Cli.Bench;

/// <summary>
/// The baseline: a bare request/response over <see cref="Channel{T}"/>, one reader loop per server, the reply
/// through a <see cref="TaskCompletionSource{TResult}"/>. What a hand-written actor without a runtime costs.
/// </summary>
public sealed class ChannelPingServer : IAsyncDisposable
{
    private readonly Channel<(int Value, TaskCompletionSource<int> Reply)> _requests =
        Channel.CreateUnbounded<(int, TaskCompletionSource<int>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _loop;

    public ChannelPingServer() => _loop = Task.Run(ServeAsync);

    public Task<int> Ping(int value)
    {
        var reply = new TaskCompletionSource<int>();
        _requests.Writer.TryWrite((value, reply));
        return reply.Task;
    }

    private async Task ServeAsync()
    {
        var reader = _requests.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var request))
            {
                request.Reply.TrySetResult(request.Value + 1);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
