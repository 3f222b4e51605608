# Rate limits, transient faults, timeouts and Ctrl+C, against a sandbox that misbehaves on request.
BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

    function Get-Sandbox429Count { @(Get-SandboxRequestLog | Where-Object status -eq 429).Count }
}
AfterAll {
    Reset-TestSandbox
    Stop-TestSandbox
}

Describe 'Rate limits' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
    }

    It 'completes 200 lifecycle calls against a bucket of 30 per 5 s with no error' {
        $hooks = 1..20 | ForEach-Object { New-TestHook -Name "bulk-$_" }
        Set-SandboxRateLimit -Limit 30 -WindowSeconds 5
        Clear-SandboxRequestLog
        foreach ($round in 1..5) {
            $hooks | Disable-OktaEventHook -ErrorVariable +failures
            $hooks | Enable-OktaEventHook -ErrorVariable +failures
        }
        $failures | Should -BeNullOrEmpty
        $log = Get-SandboxRequestLog
        @($log | Where-Object { $_.status -eq 200 -and $_.path -like '*/lifecycle/*' }).Count | Should -Be 200
        (Get-OktaEventHook).Status | Sort-Object -Unique | Should -Be 'ACTIVE'
    }

    It 'with -MaxApiCapacity never runs into a 429' {
        $hooks = 1..20 | ForEach-Object { New-TestHook -Name "capped-$_" }
        Set-SandboxRateLimit -Limit 30 -WindowSeconds 5
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -MaxApiCapacity 80
        Clear-SandboxRequestLog
        foreach ($round in 1..5) {
            $hooks | Disable-OktaEventHook -ErrorVariable +failures
            $hooks | Enable-OktaEventHook -ErrorVariable +failures
        }
        $failures | Should -BeNullOrEmpty
        Get-Sandbox429Count | Should -Be 0
        @(Get-SandboxRequestLog | Where-Object { $_.status -eq 200 }).Count | Should -Be 200
    }

    It 'waits for the window after a 429 and sends the retry with X-Okta-Retry-For' {
        $other = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -PassThru
        $mine = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -PassThru
        Set-SandboxRateLimit -Limit 3 -WindowSeconds 2   # after connecting: the checks of the token count for nothing here
        # Windows start on whole seconds: begin right after one, so the four calls share a window.
        $next = [DateTimeOffset]::FromUnixTimeSeconds([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + 1)
        Start-Sleep -Milliseconds ([math]::Max(0, ($next - [DateTimeOffset]::UtcNow).TotalMilliseconds + 20))
        $null = Get-OktaEventHook -Connection $mine          # mine sees 2 left
        1..2 | ForEach-Object { $null = Get-OktaEventHook -Connection $other }   # the other uses them up
        $verbose = Get-OktaEventHook -Connection $mine -Verbose -ErrorVariable failure 4>&1 | Out-String
        $failure | Should -BeNullOrEmpty
        $verbose | Should -Match 'Rate limited \(429\)\. Waiting'
        $log = Get-SandboxRequestLog
        ($log | Where-Object status -eq 429).Count | Should -Be 1
        $log[-1].status | Should -Be 200
    }

    It 'gives up after -MaxRetries with a LimitsExceeded error that says how many tries' {
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -MaxRetries 1
        Set-SandboxRateLimit -Limit 1 -WindowSeconds 1
        Add-SandboxFault @{ mode = 'status'; status = 429; count = 10; method = 'GET' }
        $failure = Get-TerminatingError { Get-OktaEventHook }
        $failure.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failure.Exception.Message | Should -Match '2 attempts'
    }
}

Describe 'Transient faults' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $hook = New-TestHook -Name 'steady'
        Clear-SandboxRequestLog
    }

    It 'retries a read after <Mode> and succeeds' -TestCases @(
        @{ Mode = 'status'; Rule = @{ mode = 'status'; status = 503; count = 2 } }
        @{ Mode = 'status with Okta body'; Rule = @{ mode = 'status'; status = 500; oktaBody = $true; count = 1 } }
        @{ Mode = 'reset'; Rule = @{ mode = 'reset'; count = 1 } }
        @{ Mode = 'html'; Rule = @{ mode = 'html'; count = 1 } }
        @{ Mode = 'truncated'; Rule = @{ mode = 'truncated'; count = 1 } }
    ) {
        Add-SandboxFault ($Rule + @{ method = 'GET' })
        $got = Get-OktaEventHook -Id $hook.Id -ErrorVariable failure
        $failure | Should -BeNullOrEmpty
        $got.Id | Should -Be $hook.Id
        (Get-SandboxRequestLog)[-1].status | Should -Be 200
    }

    It 'retries activate after a 503' {
        Add-SandboxFault @{ mode = 'status'; status = 503; count = 1; method = 'POST' }
        Disable-OktaEventHook -Id $hook.Id -ErrorVariable failure
        $failure | Should -BeNullOrEmpty
        (Get-OktaEventHook -Id $hook.Id).Status | Should -Be 'INACTIVE'
    }

    It 'ends in one clear error when the fault outlasts the retries' {
        Add-SandboxFault @{ mode = 'status'; status = 503; count = 10; method = 'GET' }
        Get-OktaEventHook -Id $hook.Id -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'OktaUnexpectedResponse,*'
        $failure[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $failure[0].Exception.Message | Should -Match 'HTTP 503'
        $failure[0].Exception.Message | Should -Match '3 attempts'
        $failure[0].TargetObject | Should -Be $hook.Id
    }

    It 'does not create a second hook when the create''s answer is lost (<Mode>)' -TestCases @(
        @{ Mode = '503 after processing'; Rule = @{ mode = 'status'; status = 503; when = 'after' } }
        @{ Mode = 'connection reset after processing'; Rule = @{ mode = 'reset'; when = 'after' } }
        @{ Mode = 'truncated answer'; Rule = @{ mode = 'truncated' } }
    ) {
        Add-SandboxFault ($Rule + @{ method = 'POST'; pathExact = '/api/v1/eventHooks'; count = 1 })
        $created = New-OktaEventHook -Name 'exactly once' -Uri (Get-ReceiverUri ok once) -EventType user.lifecycle.create -ErrorVariable failure
        $failure | Should -BeNullOrEmpty
        $created.Name | Should -Be 'exactly once'
        @(Get-OktaEventHook -Name 'exactly once').Count | Should -Be 1
        @(Get-SandboxRequestLog | Where-Object method -eq 'POST').Count | Should -Be 1
    }

    It 'sends the create again when it surely did not reach Okta' {
        Add-SandboxFault @{ mode = 'status'; status = 503; when = 'before'; method = 'POST'; pathExact = '/api/v1/eventHooks'; count = 1 }
        $created = New-OktaEventHook -Name 'second try' -Uri (Get-ReceiverUri ok again) -EventType user.lifecycle.create -ErrorVariable failure
        $failure | Should -BeNullOrEmpty
        $created.Name | Should -Be 'second try'
        @(Get-OktaEventHook -Name 'second try').Count | Should -Be 1
        @(Get-SandboxRequestLog | Where-Object method -eq 'POST').Count | Should -Be 2
    }

    It 'reports a refused connection as a ConnectionError' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl "http://127.0.0.1:$port" -ApiToken (Get-SandboxToken) -MaxRetries 1 }
        $failure.FullyQualifiedErrorId | Should -Be 'OktaConnectionFailed,OktaEventHooks.Commands.ConnectOktaOrgCommand'
        $failure.CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure.Exception.Message | Should -Match ([regex]::Escape("127.0.0.1:$port"))   # the message names the org
    }

    It 'says plainly that https met a server that does not speak it, naming the address, without retrying' {
        $https = (Get-SandboxUrl) -replace '^http://', 'https://'
        $failure = Get-TerminatingError { Connect-OktaOrg -OrgUrl $https -ApiToken (Get-SandboxToken) }
        $failure.FullyQualifiedErrorId | Should -BeLike '*,OktaEventHooks.Commands.ConnectOktaOrgCommand'
        $failure.CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure.Exception.Message | Should -Match ([regex]::Escape("TLS (https) handshake with $https failed"))
        $failure.Exception.Message | Should -Not -Match '\.\.|attempts'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }
}

Describe 'Timeouts and Ctrl+C' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
    }

    It 'stops a call to a hanging endpoint within -TimeoutSec + 1 s with an OperationTimeout error' {
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -TimeoutSec 2
        Add-SandboxFault @{ mode = 'hang'; seconds = 20; count = 5; method = 'GET' }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Get-OktaEventHook -ErrorAction SilentlyContinue -ErrorVariable failure
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'OktaRequestTimeout,*'
        $failure[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'stops a pipeline within 1 s of Ctrl+C (PowerShell.Stop)' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 20; count = 5; method = 'GET' }
        # Wait until the call is in flight (held by the sandbox), then press Ctrl+C.
        $stop = Stop-WhenInFlight 'Get-OktaEventHook'
        $stop.InFlight | Should -Be 1
        $stop.StopSeconds | Should -BeLessThan 1
        $stop.State | Should -Be 'Stopped'
    }
}

Describe 'The token endpoint and the concurrent-request limit' {
    BeforeEach { Reset-TestSandbox }

    It 'connects through one <Status> of the token endpoint' -TestCases @(@{ Status = 500 }, @{ Status = 503 }, @{ Status = 429 }) {
        $key = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
        $jwk = @{ kty = 'EC'; crv = 'P-256'; x = [Convert]::ToBase64String($key.ExportParameters($false).Q.X).TrimEnd('=').Replace('+', '-').Replace('/', '_'); y = [Convert]::ToBase64String($key.ExportParameters($false).Q.Y).TrimEnd('=').Replace('+', '-').Replace('/', '_'); kid = 'k1' }
        $body = @{ clientId = '0oaRetry'; jwks = @{ keys = @($jwk) } } | ConvertTo-Json -Depth 5
        $null = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/oauth/clients" -Body $body -ContentType 'application/json'
        Add-SandboxFault @{ mode = 'status'; status = $Status; count = 1; pathPrefix = '/oauth2/v1/token' }
        $connection = Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ClientId '0oaRetry' -PrivateKey (Secret $key.ExportPkcs8PrivateKeyPem()) -KeyId k1 -PassThru
        $connection.AuthMode | Should -BeLike 'PrivateKey*'
    }

    It 'gets 24 calls from 8 threads through a concurrent limit of 2' {
        Set-SandboxRateLimit -Limit 1000 -WindowSeconds 60 -ConcurrentLimit 2
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.2; count = 24; method = 'GET' }
        $connection = Connect-TestSandbox -PassThru
        $errors = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:env:OKTAEH_MODULE
            foreach ($i in 1..3) {
                try { $null = Get-OktaEventHook -Connection $using:connection -ErrorAction Stop } catch { $_.Exception.Message }
            }
        }
        $errors | Should -BeNullOrEmpty
    }
}
