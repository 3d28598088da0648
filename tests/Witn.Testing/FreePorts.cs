using System.Net;
using System.Net.Sockets;

namespace Witn.Testing;

/// <summary>Loopback ports nobody listens on right now, distinct within one call.</summary>
public static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
