using Microsoft.AspNetCore.Hosting.Server;

namespace CustomerView.Http2.Server;

/// <summary>ASP.NET Core's request pipeline as the connection runs it, one stream at a time.</summary>
internal abstract class Http2Application
{
    /// <summary>A new stream object for <paramref name="connection"/>'s pool.</summary>
    public abstract Http2Stream CreateStream(Http2Connection connection);

    /// <summary>
    /// Runs the pipeline for the stream's request, ends the response, and hands the stream back to its connection.
    /// Completes synchronously when the pipeline does and the response went out at once.
    /// </summary>
    public abstract Task ProcessAsync(Http2Stream stream);
}

/// <summary>The pipeline of the host (<see cref="IHttpApplication{TContext}"/>, as Kestrel receives it).</summary>
/// <typeparam name="TContext">The host's per-request context.</typeparam>
internal sealed class Http2Application<TContext> : Http2Application
    where TContext : notnull
{
    private readonly IHttpApplication<TContext> _application;

    public Http2Application(IHttpApplication<TContext> application) => _application = application;

    /// <inheritdoc />
    public override Http2Stream CreateStream(Http2Connection connection) => new Http2Stream<TContext>(connection);

    /// <inheritdoc />
    public override Task ProcessAsync(Http2Stream stream)
    {
        TContext context;
        try
        {
            context = _application.CreateContext(stream);
        }
        catch (Exception ex)
        {
            stream.Connection.LogApplicationError(stream, ex);
            return FinishWithoutContextAsync(stream, ex);
        }

        Task pipeline;
        try
        {
            pipeline = _application.ProcessRequestAsync(context);
        }
        catch (Exception ex)
        {
            pipeline = Task.FromException(ex);
        }

        if (pipeline.IsCompletedSuccessfully)
        {
            ValueTask end;
            try
            {
                end = stream.EndResponseAsync(null);
            }
            catch (Exception ex)
            {
                end = ValueTask.FromException(ex);
            }

            if (end.IsCompletedSuccessfully)
            {
                end.GetAwaiter().GetResult();
                Finish(stream, context, null);
                return Task.CompletedTask;
            }

            return FinishAsync(stream, context, Task.CompletedTask, end, endStarted: true);
        }

        return FinishAsync(stream, context, pipeline, default, endStarted: false);
    }

    private static async Task FinishWithoutContextAsync(Http2Stream stream, Exception failure)
    {
        try
        {
            await stream.EndResponseAsync(failure).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            stream.Connection.LogApplicationError(stream, ex);
        }
        finally
        {
            stream.Connection.OnStreamFinished(stream);
        }
    }

    private async Task FinishAsync(Http2Stream stream, TContext context, Task pipeline, ValueTask end, bool endStarted)
    {
        Exception? failure = null;
        try
        {
            await pipeline.ConfigureAwait(false);
            if (!endStarted)
            {
                end = stream.EndResponseAsync(null);
            }

            await end.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        if (failure is not null)
        {
            stream.Connection.LogApplicationError(stream, failure);
            try
            {
                await stream.EndResponseAsync(failure).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException)
            {
                stream.Connection.LogApplicationError(stream, ex);
            }
        }

        Finish(stream, context, failure);
    }

    private void Finish(Http2Stream stream, TContext context, Exception? failure)
    {
        try
        {
            _application.DisposeContext(context, failure);
        }
        finally
        {
            stream.Connection.OnStreamFinished(stream);
        }
    }
}
