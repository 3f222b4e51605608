# Preflight of a receiver. The sandbox's /receiver answers well or badly on purpose; a receiver that insists on a header
# is started here on 127.0.0.1 (an HttpListener served by a background runspace) and stopped in AfterAll.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
    $script:guardedUri = "http://127.0.0.1:$port/guarded/"
    $script:listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add($guardedUri)
    $listener.Start()
    $script:server = [powershell]::Create()
    $null = $server.AddScript({
        param($listener)
        while ($listener.IsListening) {
            try { $context = $listener.GetContext() } catch { break }
            $request = $context.Request
            $response = $context.Response
            if ($request.Headers['X-Api-Key'] -ne 'let-me-in') {
                $response.StatusCode = 401
            }
            elseif ($request.HttpMethod -eq 'GET') {
                $body = [Text.Encoding]::UTF8.GetBytes((@{ verification = $request.Headers['X-Okta-Verification-Challenge'] } | ConvertTo-Json -Compress))
                $response.ContentType = 'application/json'
                $response.OutputStream.Write($body, 0, $body.Length)
            }
            else {
                $response.StatusCode = 204
            }
            $response.Close()
        }
    }).AddArgument($listener)
    $script:serving = $server.BeginInvoke()
}
AfterAll {
    if ($listener) { $listener.Stop(); $listener.Close() }
    if ($server) { $null = $serving.AsyncWaitHandle.WaitOne(5000); $server.Dispose() }
    Stop-TestSandbox
}

Describe 'Test-OktaEventHookEndpoint' {
    BeforeEach { Clear-ReceiverRequestLog; Clear-SandboxRequestLog }

    It 'passes a receiver that answers as Okta expects, sending what Okta sends' {
        $result = Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok 'preflight') -AuthHeaderValue (Secret 'Basic probe-secret') -Header @{ 'X-Tenant' = 'emea' }
        $result | Should -BeOfType ([OktaEventHooks.EventHookEndpointTestResult])
        $result.Passed | Should -BeTrue
        $result.Problems | Should -BeNullOrEmpty
        $result.VerificationStatusCode | Should -Be 200
        $result.DeliveryStatusCode | Should -Be 200
        $result.VerificationLatency | Should -BeLessThan ([timespan]::FromSeconds(3))

        $get, $post = Get-ReceiverRequestLog
        $get.method | Should -Be 'GET'
        $get.headers.'X-Okta-Verification-Challenge' | Should -Not -BeNullOrEmpty
        $get.headers.Authorization | Should -Be 'Basic probe-secret'
        $post.method | Should -Be 'POST'
        $post.headers.Authorization | Should -Be 'Basic probe-secret'
        $post.headers.'X-Tenant' | Should -Be 'emea'
        $post.headers.'Content-Type' | Should -Match '^application/json'
        $post.headers.Accept | Should -Be 'application/json'
        $delivery = $post.body | ConvertFrom-Json
        $delivery.eventType | Should -Be 'com.okta.event_hook'
        $delivery.eventTypeVersion | Should -Be '1.0'
        $delivery.cloudEventsVersion | Should -Be '0.1'
        $delivery.contentType | Should -Be 'application/json'
        [guid]::Parse($delivery.eventId) | Should -Not -BeNullOrEmpty
        $delivery.data.events[0].eventType | Should -Be 'user.lifecycle.create'
        $delivery.data.events[0].target[0].type | Should -Be 'User'
        $delivery.data.events[0].outcome.result | Should -Be 'SUCCESS'
    }

    It 'sends nothing to Okta' {
        $null = Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok)
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'fails a receiver that echoes the wrong value' {
        $result = Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri wrong)
        $result.Passed | Should -BeFalse
        $result.Problems | Should -Be 'Verification: answered 200 but `verification` is not the value of the X-Okta-Verification-Challenge header that was sent'
    }

    It 'fails a receiver whose answer has no verification field' {
        $result = Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri nofield)
        $result.Passed | Should -BeFalse
        $result.Problems | Should -Be 'Verification: answered 200 but the body has no `verification` field'
    }

    It 'fails a receiver that answers HTML' {
        (Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri html)).Problems | Should -Be 'Verification: answered 200 but the body is not JSON (text/html)'
    }

    It 'fails a receiver that answers 500, after one retry per request' {
        $result = Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri status/500)
        $result.Passed | Should -BeFalse
        $result.VerificationStatusCode | Should -Be 500
        $result.Problems | Should -Contain 'Verification: answered 500; Okta expects 200 with {"verification": "<the challenge>"}'
        $result.Problems | Should -Contain 'Delivery: answered 500; Okta retries once and then drops the event'
        (Get-ReceiverRequestLog).method | Should -Be @('GET', 'GET', 'POST', 'POST')
    }

    It 'fails a receiver slower than Okta''s 3 seconds, saying how slow' {
        $result = Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri slow/4000)
        $result.Passed | Should -BeFalse
        $result.Problems | Should -HaveCount 2
        $result.Problems[0] | Should -Match '^Verification: answered after 4\.\d s; Okta gives up after 3 s, so it would have failed$'
        $result.Problems[1] | Should -Match '^Delivery: answered after 4\.\d s; Okta gives up after 3 s, so it would have failed$'
    }

    It 'fails a receiver that requires a header that was not sent' {
        $result = Test-OktaEventHookEndpoint -Uri $guardedUri
        $result.Passed | Should -BeFalse
        $result.VerificationStatusCode | Should -Be 401
        $result.Problems | Should -Contain 'Verification: answered 401: it requires a header that was not sent (add -AuthHeaderValue, or -Header)'
    }

    It 'names the auth header it sent when the receiver refuses it' {
        $result = Test-OktaEventHookEndpoint -Uri $guardedUri -AuthHeaderName 'X-Api-Key' -AuthHeaderValue (Secret 'wrong-key')
        $result.Problems | Should -Contain 'Verification: answered 401: it refused the X-Api-Key header that was sent (check its name and value)'
    }

    It 'passes that receiver when the header is sent' {
        (Test-OktaEventHookEndpoint -Uri $guardedUri -AuthHeaderName 'X-Api-Key' -AuthHeaderValue (Secret 'let-me-in')).Passed | Should -BeTrue
    }

    It 'says when nothing listens at the address' {
        $result = Test-OktaEventHookEndpoint -Uri 'http://127.0.0.1:9/nothing'
        $result.Passed | Should -BeFalse
        $result.VerificationStatusCode | Should -BeNullOrEmpty
        $result.Problems[0] | Should -Match '^Verification: could not connect'
    }

    It 'never shows the secret in verbose output or problems' {
        $text = Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri status/401) -AuthHeaderValue (Secret 'Basic hidden-secret') -Verbose 4>&1 | Out-String -Width 300
        $text | Should -Not -Match 'hidden-secret'
        $text | Should -Match 'refused the Authorization header'
    }

    It 'calls the endpoint with the headers Okta sends and a delivery in Okta''s exact envelope' {
        Clear-ReceiverRequestLog
        $null = Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok okta-headers)
        $log = Get-ReceiverRequestLog
        $log.Count | Should -Be 2
        foreach ($request in $log) {
            $request.headers.'User-Agent' | Should -Be 'Okta-Integrations'
            $request.headers.Accept | Should -Be 'application/json'
            $request.headers.'X-Okta-Request-Id' | Should -Match '^[A-Za-z0-9]{27}$'
        }
        $log[0].headers.'X-Okta-Request-Id' | Should -Not -Be $log[1].headers.'X-Okta-Request-Id'
        $event = ($log[1].body | ConvertFrom-Json -AsHashtable).data.events[0]
        $event.ContainsKey('insertionTimestamp') | Should -BeTrue
        $event.insertionTimestamp | Should -BeNullOrEmpty
    }

    It 'tests the endpoints of piped hooks' {
        Reset-TestSandbox
        Connect-TestSandbox
        $null = New-TestHook -Name 'Piped' -Header @{ 'X-Tenant' = 'emea' }
        (Get-OktaEventHook -Name 'Piped' | Test-OktaEventHookEndpoint).Passed | Should -BeTrue
        (Get-ReceiverRequestLog)[0].headers.'X-Tenant' | Should -Be 'emea'
    }

    It 'refuses plain http to a host that is not loopback, as New-OktaEventHook does' {
        { Test-OktaEventHookEndpoint -Uri 'http://hooks.example.com/okta' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'sends nothing with -WhatIf' {
        Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok) -WhatIf | Should -BeNullOrEmpty
        Get-ReceiverRequestLog | Should -BeNullOrEmpty
    }
}

Describe 'Test-OktaEventHookEndpoint and header syntax' {
    BeforeEach { Reset-TestSandbox; Clear-ReceiverRequestLog }

    It 'refuses CR/LF in -AuthHeaderValue before sending anything' {
        $failure = Get-TerminatingError { Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok) -AuthHeaderValue (Secret "Bearer abc`r`nX-Injected: 1") }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.AuthHeaderValue,*'
        Get-ReceiverRequestLog | Should -BeNullOrEmpty
    }

    It 'refuses CR/LF in a -Header value and an invalid header name (<Name>), sending nothing' -TestCases @(
        @{ Name = 'X-Ok'; Value = "a`r`nX-Injected: 1" }
        @{ Name = 'X Api Key'; Value = 'v' }
        @{ Name = 'X-Kéy'; Value = 'v' }
        @{ Name = 'X(A)'; Value = 'v' }
    ) {
        Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok) -Header @{ $Name = $Value } -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Header,*'
        Get-ReceiverRequestLog | Should -BeNullOrEmpty
    }

    It 'checks -AuthHeaderName like a header name' {
        $failure = Get-TerminatingError { Test-OktaEventHookEndpoint -Uri (Get-ReceiverUri ok) -AuthHeaderName 'X Key' -AuthHeaderValue (Secret 'abc') }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.AuthHeaderName,*'
    }

    It 'names a redirect by its host only, never its path' {
        # A one-answer-fits-all server on loopback: every request gets a 307 to a path that carries a token.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $job = Start-ThreadJob -ArgumentList $listener {
            param($listener)
            $answer = [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 307 Temporary Redirect`r`nLocation: https://elsewhere.example.com/secret-path/token-9f8e?sig=abc`r`nContent-Length: 0`r`nConnection: close`r`n`r`n")
            while ($true) {
                $client = $listener.AcceptTcpClient()
                $stream = $client.GetStream()
                $buffer = [byte[]]::new(65536)
                $null = $stream.Read($buffer, 0, $buffer.Length)
                $stream.Write($answer, 0, $answer.Length)
                $client.Close()
            }
        }
        try {
            $result = Test-OktaEventHookEndpoint -Uri "http://127.0.0.1:$port/hook"
            ($result.Problems -join ' ') | Should -Match 'redirect to https://elsewhere.example.com'
            ($result.Problems -join ' ') | Should -Not -Match 'secret-path|token-9f8e|sig='
        }
        finally { $listener.Stop(); $job | Remove-Job -Force }
    }
}

Describe 'Test-OktaEventHookEndpoint at the prompt' {
    It 'shows its results as a table that keeps Passed and the problem in view at <Width> columns' -TestCases @(
        @{ Width = 80 }
        @{ Width = 120 }
    ) {
        $results = @((Get-ReceiverUri ok table), (Get-ReceiverUri 'status/500' table) | ForEach-Object { Test-OktaEventHookEndpoint -Uri $_ })
        $lines = @(($results | Out-String -Width $Width) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Passed\s+Verification\s+Delivery\s+Uri\s+Problems'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width }
        ($lines -join "`n") | Should -Match 'True\s+200 in \d+ ms'
        ($lines -join "`n") | Should -Match 'False\s+500 in \d+ ms'
    }

    It 'says it waits for the endpoint, not for Okta, while a slow endpoint answers' {
        $records = Get-ProgressRecord { param($uri) $null = Test-OktaEventHookEndpoint -Uri $uri } -Arguments (Get-ReceiverUri 'slow/1600' progress)
        $records | Should -Not -BeNullOrEmpty
        $records.Activity | Should -Not -Contain 'Waiting for Okta'
        $records[0].Activity | Should -Be 'Waiting for the endpoint'
    }
}
