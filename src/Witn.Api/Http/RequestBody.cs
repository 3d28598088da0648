using System.Buffers;

namespace Witn.Api.Http;

/// <summary>A request body read whole by <see cref="BodyBytes"/>, in a pooled buffer: dispose it to give the buffer back.</summary>
public sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;

    internal RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(RequestBody))).AsMemory(0, Length);

    public ReadOnlySpan<byte> Span => Memory.Span;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
