using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Witn.Testing;

/// <summary>
/// Loopback ports nobody listens on right now, distinct within one call and never handed out twice by this process.
/// They are taken below the kernel's ephemeral range: a port the OS picked for a listener and released can be given
/// to any outgoing connection (a PostgreSQL client, an HTTP call) before the silo binds it, which made "address
/// already in use" failures under a loaded test run; ports below the range are only ever bound on purpose.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 10_000;

    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Given = [];

    public static int[] Take(int count)
    {
        var ceiling = EphemeralLow() - 1;
        var ports = new List<int>(count);
        lock (Gate)
        {
            for (var attempt = 0; ports.Count < count && attempt < 10_000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, ceiling + 1);
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    ports.Add(port);
                }
            }
        }

        if (ports.Count < count)
        {
            throw new InvalidOperationException($"no {count} free loopback ports between {Lowest} and {ceiling}");
        }

        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    // Linux names its ephemeral range in /proc; elsewhere assume the IANA one (49152-65535).
    private static int EphemeralLow()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(Range)
            && int.TryParse(File.ReadAllText(Range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && low > Lowest + 1000)
        {
            return low;
        }

        return 49_152;
    }
}
