using System.Net;
using System.Net.Sockets;

namespace Witn.Silo.Startup;

/// <summary>Fails fast, with the option to change, when a port is taken (Kestrel and Orleans would fail later and less clearly).</summary>
public static class PortCheck
{
    public static void EnsureFree(IPAddress address, int port, string flag)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Server.ExclusiveAddressUse = true;
            listener.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new StartupException(
                $"port {port} ({flag}) is already in use on {address}: stop the process using it or choose another port with {flag}");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            throw new StartupException($"cannot listen on {address}: it is not an address of this machine; fix --bind");
        }
    }
}
