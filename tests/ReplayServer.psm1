# A replay server for tests/Replay.Tests.ps1: a small HTTP server on 127.0.0.1 that answers with the answers of
# one recording of real Okta traffic (tests/fixtures/recorded/*.json), byte for byte and in the recorded order,
# and keeps every request it was sent (method, path, body) so a test can compare what a cmdlet sent with what
# Okta accepted. Hand-written on a TcpListener: TCP_NODELAY on, and each response written in one go (a server
# that writes headers and body separately makes clients wait 40 ms for the delayed ACK).
#
# Which answer a request gets:
# - the next recorded interaction, when the request has its method and path: served, and the replay moves on;
# - otherwise, for a GET of a hook (/api/v1/eventHooks/<id>) the recording does not have at this point (the module
#   reads a hook before it changes or deletes it): 200 with the hook as the latest recorded answer left it, which
#   is what Okta would answer then (a read changes nothing). Kept as a 'read-back';
# - a list (GET /api/v1/eventHooks) the recording does not have (New looks for a hook of the same name first): 200
#   with the hooks as the answers so far left them, also a 'read-back';
# - anything else: 501 and kept as 'unexpected', which the test reports.

$source = @'
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace OktaEventHooks.Tests
{
    public sealed class ReplayAnswer
    {
        public string Method = "";
        public string Path = "";
        public int Status;
        public string Body;
    }

    public sealed class ReplayedRequest
    {
        public int Sequence;
        public string Method = "";
        public string Path = "";
        public string Body;
        /// <summary>The index of the recorded interaction served, or -1.</summary>
        public int Interaction = -1;
        /// <summary>served, read-back or unexpected.</summary>
        public string Outcome = "";
    }

    public sealed class RecordedReplayServer : IDisposable
    {
        private static readonly Regex HookPath = new Regex("^/api/v1/eventHooks/(who[A-Za-z0-9]+)$");
        private static readonly Regex HookBody = new Regex("^\\{\"id\":\"(who[A-Za-z0-9]+)\"");
        private readonly List<ReplayAnswer> answers;
        private readonly Dictionary<string, string> latestHook = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly List<ReplayedRequest> requests = new List<ReplayedRequest>();
        private readonly object gate = new object();
        private readonly TcpListener listener;
        private int next;

        public RecordedReplayServer(IEnumerable<ReplayAnswer> answers)
        {
            this.answers = new List<ReplayAnswer>(answers);
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Task.Run(AcceptAsync);
        }

        public int Port { get; private set; }

        /// <summary>How many recorded interactions have been served so far.</summary>
        public int Served { get { lock (gate) { return next; } } }

        public ReplayedRequest[] Requests { get { lock (gate) { return requests.ToArray(); } } }

        public void Dispose()
        {
            listener.Stop();
        }

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    return; // stopped
                }

                var ignored = Task.Run(() => ServeConnectionAsync(client));
            }
        }

        private async Task ServeConnectionAsync(TcpClient client)
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var reader = new RequestReader(stream);
                try
                {
                    while (true)
                    {
                        var requestLine = await reader.ReadLineAsync().ConfigureAwait(false);
                        if (string.IsNullOrEmpty(requestLine))
                        {
                            return;
                        }

                        var parts = requestLine.Split(' ');
                        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        string line;
                        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync().ConfigureAwait(false)))
                        {
                            var colon = line.IndexOf(':');
                            if (colon > 0)
                            {
                                headers[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
                            }
                        }

                        byte[] body = new byte[0];
                        string length;
                        string encoding;
                        if (headers.TryGetValue("Content-Length", out length))
                        {
                            body = await reader.ReadBytesAsync(int.Parse(length, CultureInfo.InvariantCulture)).ConfigureAwait(false);
                        }
                        else if (headers.TryGetValue("Transfer-Encoding", out encoding) && encoding.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            body = await reader.ReadChunkedAsync().ConfigureAwait(false);
                        }

                        var target = parts.Length > 1 ? parts[1] : "/";
                        var query = target.IndexOf('?');
                        var path = query >= 0 ? target.Substring(0, query) : target;
                        var response = Answer(parts[0], path, body.Length == 0 ? null : Encoding.UTF8.GetString(body));
                        await stream.WriteAsync(response, 0, response.Length).ConfigureAwait(false);

                        string connection;
                        if (headers.TryGetValue("Connection", out connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase))
                        {
                            return;
                        }
                    }
                }
                catch (IOException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }

        private byte[] Answer(string method, string path, string body)
        {
            int status;
            string text;
            lock (gate)
            {
                var request = new ReplayedRequest { Sequence = requests.Count + 1, Method = method, Path = path, Body = body };
                requests.Add(request);
                string latest;
                var hook = HookPath.Match(path);
                if (next < answers.Count && answers[next].Method == method && answers[next].Path == path)
                {
                    var answer = answers[next];
                    request.Interaction = next++;
                    request.Outcome = "served";
                    status = answer.Status;
                    text = answer.Body;
                    var served = text == null ? null : HookBody.Match(text);
                    if (served != null && served.Success && answer.Status == 200)
                    {
                        latestHook[served.Groups[1].Value] = text;
                    }

                    if (method == "DELETE" && hook.Success && answer.Status < 300)
                    {
                        latestHook.Remove(hook.Groups[1].Value);
                    }
                }
                else if (method == "GET" && path == "/api/v1/eventHooks")
                {
                    // A list the recording does not have (New looks for hooks of the same name first): the hooks as
                    // the answers so far left them.
                    request.Outcome = "read-back";
                    status = 200;
                    text = "[" + string.Join(",", latestHook.Values) + "]";
                }
                else if (method == "GET" && hook.Success && latestHook.TryGetValue(hook.Groups[1].Value, out latest))
                {
                    request.Outcome = "read-back";
                    status = 200;
                    text = latest;
                }
                else
                {
                    request.Outcome = "unexpected";
                    status = 501;
                    text = "{\"errorCode\":\"E0000000\",\"errorSummary\":\"Not in the recording: " + method + " " + path + "\",\"errorLink\":\"E0000000\",\"errorId\":\"oaeReplayReplayReplayRepl\",\"errorCauses\":[]}";
                }
            }

            var payload = text == null ? new byte[0] : Encoding.UTF8.GetBytes(text);
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Reason(status)).Append("\r\n");
            head.Append("Date: ").Append(DateTime.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
            head.Append("X-Okta-Request-Id: replay").Append(Guid.NewGuid().ToString("N").Substring(0, 21)).Append("\r\n");
            if (text != null)
            {
                head.Append("Content-Type: application/json\r\n");
            }

            head.Append("Content-Length: ").Append(payload.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
            var headBytes = Encoding.ASCII.GetBytes(head.ToString());
            var all = new byte[headBytes.Length + payload.Length];
            Buffer.BlockCopy(headBytes, 0, all, 0, headBytes.Length);
            Buffer.BlockCopy(payload, 0, all, headBytes.Length, payload.Length);
            return all;
        }

        private static string Reason(int status)
        {
            switch (status)
            {
                case 200: return "OK";
                case 204: return "No Content";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 429: return "Too Many Requests";
                case 501: return "Not Implemented";
                default: return "Status";
            }
        }

        /// <summary>Reads CRLF lines and counted bytes from a stream through one buffer.</summary>
        private sealed class RequestReader
        {
            private readonly Stream stream;
            private readonly byte[] buffer = new byte[16384];
            private int start;
            private int end;

            public RequestReader(Stream stream)
            {
                this.stream = stream;
            }

            public async Task<string> ReadLineAsync()
            {
                var line = new MemoryStream();
                while (true)
                {
                    if (start == end && !await FillAsync().ConfigureAwait(false))
                    {
                        return line.Length == 0 ? null : Encoding.ASCII.GetString(line.ToArray());
                    }

                    var b = buffer[start++];
                    if (b == (byte)'\n')
                    {
                        var bytes = line.ToArray();
                        var length = bytes.Length > 0 && bytes[bytes.Length - 1] == (byte)'\r' ? bytes.Length - 1 : bytes.Length;
                        return Encoding.ASCII.GetString(bytes, 0, length);
                    }

                    line.WriteByte(b);
                }
            }

            public async Task<byte[]> ReadBytesAsync(int count)
            {
                var result = new byte[count];
                var have = 0;
                while (have < count)
                {
                    if (start == end && !await FillAsync().ConfigureAwait(false))
                    {
                        throw new IOException("The connection closed inside a request body.");
                    }

                    var take = Math.Min(count - have, end - start);
                    Buffer.BlockCopy(buffer, start, result, have, take);
                    start += take;
                    have += take;
                }

                return result;
            }

            public async Task<byte[]> ReadChunkedAsync()
            {
                var body = new MemoryStream();
                while (true)
                {
                    var sizeLine = await ReadLineAsync().ConfigureAwait(false) ?? "0";
                    var semicolon = sizeLine.IndexOf(';');
                    var size = int.Parse(semicolon >= 0 ? sizeLine.Substring(0, semicolon) : sizeLine, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (size == 0)
                    {
                        while (!string.IsNullOrEmpty(await ReadLineAsync().ConfigureAwait(false)))
                        {
                        }

                        return body.ToArray();
                    }

                    var chunk = await ReadBytesAsync(size).ConfigureAwait(false);
                    body.Write(chunk, 0, chunk.Length);
                    await ReadLineAsync().ConfigureAwait(false);
                }
            }

            private async Task<bool> FillAsync()
            {
                start = 0;
                end = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                return end > 0;
            }
        }
    }
}
'@

if (-not ('OktaEventHooks.Tests.RecordedReplayServer' -as [type])) {
    Add-Type -TypeDefinition $source -Language CSharp
}

# Reads a recording; timestamps stay the strings Okta sent.
function Read-Recording([Parameter(Mandatory)] [string] $Path) {
    Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json -AsHashtable -DateKind String
}

# Starts a replay server for one recording (from Read-Recording); Dispose() stops it.
function Start-ReplayServer([Parameter(Mandatory)] $Recording) {
    $answers = foreach ($interaction in $Recording.interactions) {
        $answer = [OktaEventHooks.Tests.ReplayAnswer]::new()
        $answer.Method = $interaction.method
        $answer.Path = $interaction.path
        $answer.Status = $interaction.status
        $answer.Body = $interaction.responseText
        $answer
    }
    [OktaEventHooks.Tests.RecordedReplayServer]::new([OktaEventHooks.Tests.ReplayAnswer[]] @($answers))
}

# JSON text as leaf path => value: JSON null is $null, an empty array '[]', an empty object '{}', other values as JSON.
function ConvertTo-JsonLeaves([string] $Json) {
    $leaves = [ordered]@{}
    if ($Json) { Add-JsonLeaves ($Json | ConvertFrom-Json -AsHashtable -DateKind String -NoEnumerate) '' $leaves }
    $leaves
}

function Add-JsonLeaves($Node, [string] $Path, $Leaves) {
    if ($Node -is [System.Collections.IDictionary]) {
        if ($Node.Count -eq 0) { $Leaves[$Path] = '{}'; return }
        foreach ($key in $Node.Keys) { Add-JsonLeaves $Node[$key] ($Path ? "$Path.$key" : $key) $Leaves }
    }
    elseif ($Node -is [System.Collections.IList]) {
        if ($Node.Count -eq 0) { $Leaves[$Path] = '[]'; return }
        for ($i = 0; $i -lt $Node.Count; $i++) { Add-JsonLeaves $Node[$i] "$Path[$i]" $Leaves }
    }
    elseif ($null -eq $Node) { $Leaves[$Path] = $null }
    elseif ($Node -is [string]) { $Leaves[$Path] = $Node }
    else { $Leaves[$Path] = ConvertTo-Json $Node -Compress }
}

# A leaf path with its array indexes dropped: 'channel.config.headers[1].key' -> 'channel.config.headers[].key'.
function Get-FieldName([string] $Path) { $Path -replace '\[\d+\]', '[]' }

Export-ModuleMember -Function Read-Recording, Start-ReplayServer, ConvertTo-JsonLeaves, Get-FieldName
