# A hostile org or endpoint on 127.0.0.1 for what the sandbox cannot play: a gateway that echoes request headers back,
# answers that stall mid-body, bombs (gzip, hundreds of MB), next links that never end, odd headers. Hand-written on a
# TcpListener (TCP_NODELAY on; head and small bodies written in one go), one connection per request.
#
# $Respond gets one request (Method, Path, Headers: a case-insensitive dictionary, Body) and returns a hashtable:
#   Status   (int, default 200)       Body (string, default '')      Headers (hashtable or an array of 'Name: value')
#   Bytes    (byte[]: the body as is, instead of Body)
#   Promise  (long: the Content-Length to claim, when it differs from what is sent; then the connection stays open)
#   Repeat   (long: the body is sent this many times over, streamed, for answers of hundreds of MB)
# Returns the server: Url, Requests (what it got, in order) and Stop().

$source = @'
using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OktaEventHooks.Tests
{
    public sealed class HostileRequest
    {
        public string Method = "";
        public string Path = "";
        public Dictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public string Body = "";
    }

    public sealed class HostileAnswer
    {
        public int Status = 200;
        public byte[] Body = new byte[0];
        public List<string> Headers = new List<string>();
        public long Promise = -1;
        public long Repeat = 1;
    }

    public sealed class HostileServer : IDisposable
    {
        private readonly TcpListener listener;
        private readonly Func<HostileRequest, HostileAnswer> respond;
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private readonly ConcurrentBag<TcpClient> open = new ConcurrentBag<TcpClient>();

        private readonly Runspace runspace;
        private readonly object gate = new object();

        /// <summary>Answers with <paramref name="respondScript"/>, run for each request in a runspace of its own.</summary>
        public HostileServer(string respondScript)
        {
            runspace = RunspaceFactory.CreateRunspace();
            runspace.Open();
            using (var shell = PowerShell.Create())
            {
                shell.Runspace = runspace;
                shell.AddScript("$global:respond = [scriptblock]::Create($args[0])").AddArgument(respondScript).Invoke();
            }

            respond = Answer;
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Task.Run(AcceptAsync);
        }

        public int Port { get; private set; }

        public ConcurrentQueue<HostileRequest> Requests = new ConcurrentQueue<HostileRequest>();

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            foreach (var client in open) { try { client.Close(); } catch (Exception) { } }
            lock (gate) { runspace.Dispose(); }
        }

        private HostileAnswer Answer(HostileRequest request)
        {
            lock (gate)
            {
                using (var shell = PowerShell.Create())
                {
                    shell.Runspace = runspace;
                    var results = shell.AddScript("& $global:respond $args[0]").AddArgument(request).Invoke();
                    var answer = new HostileAnswer();
                    var spec = results.Count > 0 ? results[results.Count - 1].BaseObject as IDictionary : null;
                    if (spec == null) { return answer; }
                    if (spec["Status"] != null) { answer.Status = Convert.ToInt32(spec["Status"]); }
                    var bytes = spec["Bytes"] is PSObject wrapped ? wrapped.BaseObject : spec["Bytes"];
                    answer.Body = bytes as byte[] ?? Encoding.UTF8.GetBytes(Convert.ToString(spec["Body"]) ?? "");
                    var headers = spec["Headers"] is PSObject h ? h.BaseObject : spec["Headers"];
                    if (headers is IDictionary map) { foreach (DictionaryEntry e in map) { answer.Headers.Add(e.Key + ": " + e.Value); } }
                    else if (headers is IEnumerable list && !(headers is string)) { foreach (var line in list) { answer.Headers.Add(Convert.ToString(line)); } }
                    else if (headers != null) { answer.Headers.Add(Convert.ToString(headers)); }
                    if (spec["Promise"] != null) { answer.Promise = Convert.ToInt64(spec["Promise"]); }
                    if (spec["Repeat"] != null) { answer.Repeat = Convert.ToInt64(spec["Repeat"]); }
                    return answer;
                }
            }
        }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync().ConfigureAwait(false); }
                catch (Exception) { return; }
                open.Add(client);
                var ignored = Task.Run(() => Serve(client));
            }
        }

        private void Serve(TcpClient client)
        {
            var keepOpen = false;
            try
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var request = Read(stream);
                if (request == null) { return; }
                Requests.Enqueue(request);
                var answer = respond(request);
                var head = new StringBuilder();
                head.Append("HTTP/1.1 ").Append(answer.Status).Append(" X\r\n");
                var hasType = false;
                foreach (var h in answer.Headers) { head.Append(h).Append("\r\n"); hasType |= h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase); }
                if (!hasType) { head.Append("Content-Type: application/json\r\n"); }
                var length = answer.Promise >= 0 ? answer.Promise : answer.Body.LongLength * answer.Repeat;
                head.Append("Content-Length: ").Append(length).Append("\r\nConnection: close\r\n\r\n");
                var headBytes = Encoding.ASCII.GetBytes(head.ToString());
                if (answer.Repeat <= 1)
                {
                    var all = new byte[headBytes.Length + answer.Body.Length];
                    Buffer.BlockCopy(headBytes, 0, all, 0, headBytes.Length);
                    Buffer.BlockCopy(answer.Body, 0, all, headBytes.Length, answer.Body.Length);
                    stream.Write(all, 0, all.Length);
                }
                else
                {
                    stream.Write(headBytes, 0, headBytes.Length);
                    for (long i = 0; i < answer.Repeat && !stop.IsCancellationRequested; i++) { stream.Write(answer.Body, 0, answer.Body.Length); }
                }

                stream.Flush();
                if (answer.Promise >= 0 && answer.Promise > answer.Body.LongLength * answer.Repeat)
                {
                    // Stall: the promised rest never comes; the connection stays open until the server stops.
                    keepOpen = true;
                }
            }
            catch (Exception) { }
            finally
            {
                if (!keepOpen) { try { client.Close(); } catch (Exception) { } }
            }
        }

        private static HostileRequest Read(NetworkStream stream)
        {
            var head = new List<byte>();
            var one = new byte[1];
            while (true)
            {
                if (stream.Read(one, 0, 1) != 1) { return null; }
                head.Add(one[0]);
                var n = head.Count;
                if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n') { break; }
                if (n > 1 << 20) { return null; }
            }

            var lines = Encoding.Latin1.GetString(head.ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.None);
            var parts = lines[0].Split(' ');
            var request = new HostileRequest { Method = parts[0], Path = parts.Length > 1 ? parts[1] : "" };
            for (var i = 1; i < lines.Length; i++)
            {
                var colon = lines[i].IndexOf(':');
                if (colon > 0) { request.Headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim(); }
            }

            string lengthText;
            if (request.Headers.TryGetValue("Content-Length", out lengthText))
            {
                var length = int.Parse(lengthText);
                var body = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var got = stream.Read(body, read, length - read);
                    if (got <= 0) { break; }
                    read += got;
                }

                request.Body = Encoding.UTF8.GetString(body, 0, read);
            }

            return request;
        }
    }
}
'@
if (-not ('OktaEventHooks.Tests.HostileServer' -as [type])) { Add-Type -TypeDefinition $source }

function Start-HostileServer([Parameter(Mandatory)] [scriptblock] $Respond) {
    $server = [OktaEventHooks.Tests.HostileServer]::new($Respond.ToString())
    $result = [pscustomobject]@{ Url = "http://127.0.0.1:$($server.Port)"; Server = $server }
    $result | Add-Member -MemberType ScriptProperty -Name Requests -Value { @($this.Server.Requests.ToArray()) }
    $result | Add-Member -MemberType ScriptMethod -Name Stop -Value { $this.Server.Dispose() }
    $result
}

Export-ModuleMember -Function Start-HostileServer
