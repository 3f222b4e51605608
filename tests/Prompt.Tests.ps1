# At the prompt, as an Az/Graph admin expects (issue 15): one Describe per thing a new user tripped over, each
# asserting what the user sees (output, host text, warnings, progress, errors) or what reached the org.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
    $script:repo = Join-Path $PSScriptRoot '..'
    $script:moduleManifest = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
    $script:exported = @((Get-Module OktaEventHooks).ExportedCommands.Keys | Sort-Object)

    # pwsh as a child process; it may itself run as 'dotnet pwsh.dll' (the repository's local tool).
    function Invoke-Pwsh([string[]] $Arguments) {
        $pwsh = (Get-Process -Id $PID).Path
        $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $env:NO_COLOR = '1'
        $output = (& $pwsh @prefix -NoProfile -NonInteractive @Arguments 2>&1) -join "`n"
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
    }

    # Runs $Script as at a prompt: in a fresh runspace on this host, connected to the sandbox (or as -Arguments say).
    # Returns what the user would see besides the output: progress records, warnings and errors.
    function Invoke-AtPrompt([scriptblock] $Script, [object[]] $Arguments = @()) {
        $runspace = [runspacefactory]::CreateRunspace($Host)
        $runspace.Open()
        try {
            $shell = [powershell]::Create()
            $shell.Runspace = $runspace
            $null = $shell.AddScript({
                param($module, $url, $token)
                Import-Module $module
                Connect-OktaOrg -OrgUrl $url -ApiToken (ConvertTo-SecureString $token -AsPlainText -Force)
            }).AddArgument($moduleManifest).AddArgument($env:OKTAEH_SANDBOX_URL).AddArgument($env:OKTAEH_SANDBOX_TOKEN)
            $null = $shell.Invoke()
            $shell.Commands.Clear()
            $null = $shell.AddScript($Script)
            foreach ($argument in $Arguments) { $null = $shell.AddArgument($argument) }
            $output = $shell.Invoke()
            [pscustomobject]@{
                Output   = @($output)
                Progress = @($shell.Streams.Progress)
                Warning  = @($shell.Streams.Warning | ForEach-Object Message)
                Error    = @($shell.Streams.Error)
            }
        }
        finally { $runspace.Dispose() }
    }

    # The lines of a table as the user's terminal shows it at $Width columns.
    function Get-TableLine($InputObject, [int] $Width) {
        @(($InputObject | Format-Table | Out-String -Width $Width) -split "`r?`n" | Where-Object { $_.Trim() })
    }
}
AfterAll { Stop-TestSandbox }

Describe '1. A name where an id goes' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:siem = New-TestHook -Name 'SIEM feed'
        $script:hrOff = New-TestHook -Name 'HR offboarding'
        $script:hrOn = New-TestHook -Name 'HR onboarding'
    }
    BeforeEach { Clear-SandboxRequestLog }

    It 'takes a positional wildcard as a name, and never asks Okta for an id like HR*' {
        (Get-OktaEventHook HR*).Name | Sort-Object | Should -Be @('HR offboarding', 'HR onboarding')
        (Get-SandboxRequestLog).path | Should -Not -Match 'HR'
    }

    It 'takes a positional or piped name with a space' {
        (Get-OktaEventHook 'SIEM feed').Id | Should -Be $siem.Id
        ('SIEM feed' | Get-OktaEventHook).Id | Should -Be $siem.Id
    }

    It 'still takes an id, positionally and from the pipeline' {
        (Get-OktaEventHook $siem.Id).Name | Should -Be 'SIEM feed'
        ($hrOn.Id | Get-OktaEventHook).Name | Should -Be 'HR onboarding'
        (Get-SandboxRequestLog).path | Should -Contain "/api/v1/eventHooks/$($siem.Id)"
    }

    It 'says which name matched nothing' {
        $found = Get-OktaEventHook 'No such hook' -ErrorVariable failed -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'EventHookNameNotFound,*'
        $failed[0].Exception.Message | Should -Match "'No such hook'"
    }

    It 'lets Disable, Enable, Set, Test, Export and Remove take an exact name' {
        Disable-OktaEventHook 'SIEM feed' -Confirm:$false
        (Get-SandboxStoredHook $siem.Id).status | Should -Be 'INACTIVE'
        Enable-OktaEventHook 'SIEM feed' -Confirm:$false
        (Get-SandboxStoredHook $siem.Id).status | Should -Be 'ACTIVE'
        Set-OktaEventHook 'SIEM feed' -Description 'by name' -Confirm:$false
        (Get-SandboxStoredHook $siem.Id).description | Should -Be 'by name'
        (Test-OktaEventHook 'SIEM feed' -Confirm:$false).VerificationStatus | Should -Be 'VERIFIED'
        $path = Join-Path $TestDrive 'siem.json'
        Export-OktaEventHook -Path $path -Id 'SIEM feed'
        (Get-Content -LiteralPath $path -Raw | ConvertFrom-Json).eventHooks.name | Should -Be 'SIEM feed'
        Remove-OktaEventHook 'HR onboarding' -Force -Confirm:$false
        (Get-OktaEventHook).Name | Should -Not -Contain 'HR onboarding'
    }

    It 'refuses a wildcard in a command that changes hooks, pointing to Get-OktaEventHook -Name, and sends no write' {
        Disable-OktaEventHook 'HR*' -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'EventHookIdExpected,*'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("Get-OktaEventHook -Name 'HR*' | Disable-OktaEventHook"))
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }
}

Describe '2. A failed login does not look like an empty org' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:first = New-TestHook -Name 'first'
        $script:second = New-TestHook -Name 'second'
    }
    BeforeEach { Reset-SandboxFaults; Clear-SandboxRequestLog }
    AfterEach { Connect-TestSandbox }

    It 'after a 401, try/catch catches it without -ErrorAction Stop, and neither the ForEach-Object body nor the next statement runs' {
        $script:body = $false; $script:next = $false; $caught = $null
        try {
            # The 401 now comes from Connect-OktaOrg, which checks the token; nothing after it runs.
            Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Secret 'wrong-token')
            Get-OktaEventHook | ForEach-Object { $script:body = $true }
            $script:next = $true
        }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be 'E0000011,OktaEventHooks.Commands.ConnectOktaOrgCommand'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $script:body | Should -BeFalse
        $script:next | Should -BeFalse
    }

    It 'ends Disable over several hooks at the first 401, sending no more requests' {
        # A token revoked after connecting: -SkipValidation connects without the check that would refuse it.
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Secret 'wrong-token') -SkipValidation -InformationAction Ignore
        $caught = $null
        try { Disable-OktaEventHook -Id $first.Id, $second.Id -Confirm:$false } catch { $caught = $_ }
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        @(Get-SandboxRequestLog).Count | Should -Be 1
    }

    It 'ends Test-OktaEventHook at a 401 too' {
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Secret 'wrong-token') -SkipValidation -InformationAction Ignore
        $caught = $null
        try { Test-OktaEventHook -Id $first.Id, $second.Id -Confirm:$false } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty -Because 'a 401 is not about one hook'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        @(Get-SandboxRequestLog).Count | Should -Be 1
    }

    It 'ends the command when listing is forbidden (403)' {
        Add-SandboxFault @{ mode = 'status'; status = 403; count = 1; method = 'GET'; pathExact = '/api/v1/eventHooks' }
        $caught = Get-TerminatingError { Get-OktaEventHook | ForEach-Object { throw 'the pipeline ran on' } }
        $caught.CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'ends the command when the org cannot be reached, naming the org URL' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $caught = Get-TerminatingError { Connect-OktaOrg -OrgUrl "http://127.0.0.1:$port" -ApiToken (Secret 'any-token') -MaxRetries 0 }
        $caught.FullyQualifiedErrorId | Should -Be 'OktaConnectionFailed,OktaEventHooks.Commands.ConnectOktaOrgCommand'
        $caught.CategoryInfo.Category | Should -Be 'ConnectionError'
        $caught.Exception.Message | Should -Match ([regex]::Escape("127.0.0.1:$port"))
    }

    It 'ends the command when the rate limit is exhausted' {
        Connect-OktaOrg -OrgUrl (Get-SandboxUrl) -ApiToken (Get-SandboxToken) -MaxRetries 0 -InformationAction Ignore
        Add-SandboxFault @{ mode = 'status'; status = 429; count = 5; method = 'GET' }
        (Get-TerminatingError { Get-OktaEventHook }).CategoryInfo.Category | Should -Be 'LimitsExceeded'
        Reset-SandboxFaults   # the next test's connection checks its token with a read
    }

    It 'keeps a failure about one hook non-terminating: the other hooks and the next statement still run' {
        $next = $false
        $hooks = Get-OktaEventHook -Id 'whoDoesNotExist00000', $second.Id -ErrorVariable failed -ErrorAction SilentlyContinue
        $next = $true
        $hooks.Name | Should -Be 'second'
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'E0000007,*'
        $next | Should -BeTrue
    }

    It 'fails a runbook run as pwsh -NonInteractive -File with $ErrorActionPreference = Stop: exit code 1, nothing exported' {
        $csv = Join-Path $TestDrive 'hooks.csv'
        $marker = Join-Path $TestDrive 'after.txt'
        $runbook = Join-Path $TestDrive 'runbook.ps1'
        Set-Content -LiteralPath $runbook -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$moduleManifest'
Connect-OktaOrg -OrgUrl '$(Get-SandboxUrl)' -ApiToken (ConvertTo-SecureString 'wrong-token' -AsPlainText -Force)
Get-OktaEventHook | Select-Object Name, Status, Uri | Export-Csv -LiteralPath '$csv' -NoTypeInformation
Set-Content -LiteralPath '$marker' -Value 'the runbook went on'
"@
        $run = Invoke-Pwsh @('-File', $runbook)
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'E0000011'
        $marker | Should -Not -Exist
        if (Test-Path -LiteralPath $csv) { Get-Content -LiteralPath $csv | Should -BeNullOrEmpty }
    }
}

Describe '3. Long waits are shown at the prompt' {
    BeforeAll { Reset-TestSandbox }
    AfterAll { Reset-TestSandbox }

    It 'shows a rate-limit pre-wait as "Waiting N s for the rate-limit window of a bucket to reset, until HH:mm:ss"' {
        Set-SandboxRateLimit -Limit 2 -WindowSeconds 4
        # Two requests per window: at least one of the waits before the five reads is three seconds or more.
        $seen = Invoke-AtPrompt { 1..5 | ForEach-Object { $null = Get-OktaEventHook } }
        $seen.Error | Should -BeNullOrEmpty
        $waits = @($seen.Progress | Where-Object { $_.Activity -eq 'Waiting for Okta' -and $_.RecordType -ne 'Completed' })
        $waits | Should -Not -BeNullOrEmpty
        $waits[0].StatusDescription | Should -Match '^Waiting \d+ s for the rate-limit window of the Event Hooks API to reset, until \d\d:\d\d:\d\d$'
        $waits[0].SecondsRemaining | Should -BeGreaterOrEqual 2
        ($seen.Progress | Where-Object Activity -eq 'Waiting for Okta')[-1].RecordType | Should -Be 'Completed'
    }

    It 'shows the wait for a retry after a 429' {
        Set-SandboxRateLimit -Limit 3 -WindowSeconds 4
        $seen = Invoke-AtPrompt {
            param($url, $token)
            $key = ConvertTo-SecureString $token -AsPlainText -Force
            $mine = Connect-OktaOrg -OrgUrl $url -ApiToken $key -PassThru
            $other = Connect-OktaOrg -OrgUrl $url -ApiToken $key -PassThru
            $null = Get-OktaEventHook -Connection $mine                                # mine starts the window and sees 2 left
            1..2 | ForEach-Object { $null = Get-OktaEventHook -Connection $other }    # another client uses them up
            $null = Get-OktaEventHook -Connection $mine                                # 429, then the retry after the reset
        } @($env:OKTAEH_SANDBOX_URL, $env:OKTAEH_SANDBOX_TOKEN)
        $seen.Error | Should -BeNullOrEmpty
        $waits = @($seen.Progress | Where-Object { $_.Activity -eq 'Waiting for Okta' -and $_.RecordType -ne 'Completed' })
        $waits.StatusDescription | Should -Match '429'
        $waits[0].StatusDescription | Should -Match 'until \d\d:\d\d:\d\d$'
    }

    It 'shows progress while Test-OktaEventHookEndpoint waits for a slow endpoint, and says Okta would have failed' {
        $seen = Invoke-AtPrompt { param($uri) Test-OktaEventHookEndpoint -Uri $uri -Confirm:$false } @(Get-ReceiverUri 'slow/4000' 'slow')
        $waits = @($seen.Progress | Where-Object { $_.Activity -eq 'Waiting for the endpoint' -and $_.RecordType -ne 'Completed' })
        $waits | Should -Not -BeNullOrEmpty
        $waits[0].StatusDescription | Should -Match 'to answer \(Okta would give up at 3 s\), until \d\d:\d\d:\d\d$'
        $result = $seen.Output[0]
        $result.Passed | Should -BeFalse
        $result.Problems -join "`n" | Should -Match 'answered after 4\.\d s; Okta gives up after 3 s, so it would have failed'
    }

    It 'shows no wait where no person watches (a host without a user)' {
        Set-SandboxRateLimit -Limit 2 -WindowSeconds 4
        $runspace = [runspacefactory]::CreateRunspace(); $runspace.Open()
        try {
            $shell = [powershell]::Create(); $shell.Runspace = $runspace
            $null = $shell.AddScript({
                param($module, $url, $token)
                Import-Module $module
                Connect-OktaOrg -OrgUrl $url -ApiToken (ConvertTo-SecureString $token -AsPlainText -Force)
                1..5 | ForEach-Object { $null = Get-OktaEventHook }
            }).AddArgument($moduleManifest).AddArgument($env:OKTAEH_SANDBOX_URL).AddArgument($env:OKTAEH_SANDBOX_TOKEN)
            $null = $shell.Invoke()
            $shell.Streams.Error | Should -BeNullOrEmpty
            $shell.Streams.Progress | Should -BeNullOrEmpty
        }
        finally { $runspace.Dispose() }
    }
}

Describe '4. Progress once the work takes about a second, with a clean text' {
    # tests/Progress.Tests.ps1 pins when the bar appears (after about a second, whatever the count), "n so far" from
    # a pipeline, the Completed record, $ProgressPreference and hosts without a user. Here: the text a person reads.
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:ids = @(1..4 | ForEach-Object { (New-TestHook -Name "slow $_").Id })
    }
    AfterAll { Reset-SandboxFaults }

    It 'reads "n of m: <hook>" for hooks named by id, with nothing else in it' {
        # A fresh session has not seen these hooks, so an id stands for each; no extra read is made to name them.
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.6; count = 4; method = 'POST' }
        $seen = Invoke-AtPrompt { param($ids) Disable-OktaEventHook -Id $ids -Confirm:$false } @(, $ids)
        $bars = @($seen.Progress | Where-Object RecordType -ne 'Completed')
        $bars | Should -Not -BeNullOrEmpty
        foreach ($bar in $bars) {
            $bar.StatusDescription | Should -Match '^[1-4] of 4: (slow [1-4] \()?who[A-Za-z0-9]{17}\)?$'
            $bar.Activity | Should -Be 'Deactivating event hooks'
        }
    }

    It 'names the hooks in the text once the session has seen them' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.6; count = 4; method = 'POST' }
        $seen = Invoke-AtPrompt { param($ids) $null = Get-OktaEventHook; Disable-OktaEventHook -Id $ids -Confirm:$false } @(, $ids)
        $bars = @($seen.Progress | Where-Object RecordType -ne 'Completed')
        $bars | Should -Not -BeNullOrEmpty
        $bars[-1].StatusDescription | Should -Match '^4 of 4: slow 4 \(who[A-Za-z0-9]{17}\)$'
    }

    It 'reads "n of m: <name> (<id>)" for hooks named by name as well' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.6; count = 4; method = 'POST' }
        $seen = Invoke-AtPrompt { Enable-OktaEventHook -Id 'slow 1', 'slow 2', 'slow 3', 'slow 4' -Confirm:$false }
        $bars = @($seen.Progress | Where-Object RecordType -ne 'Completed')
        $bars | Should -Not -BeNullOrEmpty
        $bars[-1].StatusDescription | Should -Match '^4 of 4: slow 4 \(who[A-Za-z0-9]{17}\)$'
    }
}

Describe '5. Secrets in custom headers' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:canary = 'Bearer CANARY-header-5150'
        $script:hook = New-OktaEventHook -Name 'Header secret' -Uri (Get-ReceiverUri ok 'header-secret') -EventType user.lifecycle.create `
            -Header ([ordered]@{ Authorization = $canary; 'X-Tenant' = 'emea' }) -WarningVariable warned -WarningAction SilentlyContinue
        $script:warned = $warned
    }

    It 'warns that the header looks like a credential and points to -AuthHeaderValue' {
        $warned.Message | Should -Match "'Authorization' looks like a credential"
        $warned.Message | Should -Match '-AuthHeaderValue'
    }

    It 'warns for names that contain key, token, secret or password' -TestCases @(
        @{ Name = 'X-Api-Key' }, @{ Name = 'X-Access-Token' }, @{ Name = 'Client-Secret' }, @{ Name = 'X-Password' }
    ) {
        $null = New-OktaEventHook -Name "warn $Name" -Uri 'https://hooks.example.com/x' -EventType user.lifecycle.create -Header @{ $Name = 'v' } -WhatIf -WarningVariable w -WarningAction SilentlyContinue
        $w.Message | Should -Match ([regex]::Escape("'$Name' looks like a credential"))
    }

    It 'masks the value in every view: Format-List, Format-List *, Format-Table, Export-Csv and the string of Headers' {
        $shown = @(
            Get-OktaEventHook 'Header secret' | Format-List | Out-String -Width 300
            Get-OktaEventHook 'Header secret' | Format-List * | Out-String -Width 300
            Get-OktaEventHook 'Header secret' | Select-Object Name, Headers | Format-Table | Out-String -Width 300
            Get-OktaEventHook 'Header secret' | Format-Table | Out-String -Width 300
            Get-OktaEventHook 'Header secret' | ConvertTo-Csv
            "$((Get-OktaEventHook 'Header secret').Headers)"
        ) -join "`n"
        $shown | Should -Not -Match 'CANARY'
        $shown | Should -Match 'Authorization: \*\*\*'
        $shown | Should -Match 'X-Tenant: emea'
    }

    It 'keeps the value readable by name: Okta returns it to anyone who can read the hook' {
        (Get-OktaEventHook 'Header secret').Headers['Authorization'] | Should -Be $canary
    }

    It 'refuses a custom header with the auth header''s name before sending anything' {
        Clear-SandboxRequestLog
        New-OktaEventHook -Name 'Clash' -Uri 'https://hooks.example.com/clash' -EventType user.lifecycle.create `
            -Header @{ 'x-hook-secret' = 'v' } -AuthHeaderName 'X-Hook-Secret' -AuthHeaderValue (Secret 'real-secret') `
            -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.Header,*'
        $failed[0].Exception.Message | Should -Match 'auth header'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }
}

Describe '6. Views and objects: flat and truthful' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:filtered = New-OktaEventHook -Name 'HR offboarding sync' -Uri 'https://hooks.example.com/okta/hr/offboarding-sync' `
            -EventType user.lifecycle.deactivate, user.lifecycle.suspend -Header @{ 'X-Tenant' = 'emea' } -AuthHeaderValue (Secret 'Basic six') `
            -Filter @{ 'user.lifecycle.suspend' = "event.target.?[type eq 'User'].size() > 0" }
        $script:plain = New-TestHook -Name 'SIEM feed' -Uri 'https://siem.example.com/api/ingest/okta/events/all-of-them'
    }

    It 'shows Name, Status, Verification and the start of Uri at 120 columns, Name and Status at 80' {
        $hooks = Get-OktaEventHook
        $wide = Get-TableLine $hooks 120
        $wide[0] | Should -Match '^Name\s+Status\s+Verification\s+Events\s+Uri\s*$'
        $wide -match '^HR offboarding sync\s+ACTIVE\s+UNVERIFIED\s+2 https://hooks\.example\.com/okta/hr/offboarding-sync\s*$' | Should -HaveCount 1
        $wide -match '^SIEM feed\s+ACTIVE\s+UNVERIFIED\s+1 https://siem\.example\.com/api/ingest/okta/events' | Should -HaveCount 1
        $wide | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        $narrow = Get-TableLine $hooks 80
        $narrow[0] | Should -Match '^Name\s+Status\b'
        $narrow -match '^HR offboarding sync\s+ACTIVE\b' | Should -HaveCount 1
        $narrow -match '^SIEM feed\s+ACTIVE\b' | Should -HaveCount 1
        $narrow | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows in Format-List * only the flat properties, not Okta''s nested Events, Channel or Links' {
        $names = (Get-OktaEventHook 'HR offboarding sync').PSObject.Properties.Name
        $names | Should -Not -Contain 'Events'
        $names | Should -Not -Contain 'Channel'
        $names | Should -Not -Contain 'Links'
        $text = Get-OktaEventHook 'HR offboarding sync' | Format-List * | Out-String -Width 300
        $text | Should -Match '(?m)^EventTypes\s*: \{user\.lifecycle\.deactivate, user\.lifecycle\.suspend\}'
        $text | Should -Not -Match 'OktaEventHooks\.'
    }

    It 'names only properties in the default list view' {
        $hook = Get-OktaEventHook 'HR offboarding sync'
        $labels = (($hook | Format-List | Out-String -Width 300) -split "`r?`n") -match '^\S.*? : ' -replace '^(\S+)\s*:.*$', '$1'
        $labels | Should -Not -BeNullOrEmpty
        foreach ($label in $labels) { $hook.PSObject.Properties.Name | Should -Contain $label }
        $labels | Should -Contain 'AuthHeaderName'
    }

    It 'converts to JSON without a depth warning, with the lists and maps as JSON arrays and objects' {
        $json = Get-OktaEventHook 'HR offboarding sync' | ConvertTo-Json -WarningVariable depth 3>$null
        $depth | Should -BeNullOrEmpty
        $back = $json | ConvertFrom-Json
        $back.EventTypes | Should -Be @('user.lifecycle.deactivate', 'user.lifecycle.suspend')
        $back.Headers.'X-Tenant' | Should -Be 'emea'
        $back.Filter.'user.lifecycle.suspend' | Should -Match 'User'
        $back.AuthHeaderName | Should -Be 'Authorization'
        $json | Should -Not -Match 'Basic six'
    }

    It 'exports to CSV with every field as readable text, no type names' {
        $rows = Get-OktaEventHook | ConvertTo-Csv | ConvertFrom-Csv
        $hr = $rows | Where-Object Name -eq 'HR offboarding sync'
        $hr.EventTypes | Should -Be 'user.lifecycle.deactivate, user.lifecycle.suspend'
        $hr.Headers | Should -Be 'X-Tenant: emea'
        $hr.Filter | Should -Be "user.lifecycle.suspend: event.target.?[type eq 'User'].size() > 0"
        $hr.Uri | Should -Be 'https://hooks.example.com/okta/hr/offboarding-sync'
        ($rows | ConvertTo-Csv) -join "`n" | Should -Not -Match 'System\.|OktaEventHooks\.'
    }

    It 'still binds piped hooks by Id, and Test-OktaEventHookEndpoint binds their Uri and Headers' {
        $receiverHook = New-TestHook -Name 'receiver' -Header @{ 'X-Tenant' = 'apac' }
        Clear-ReceiverRequestLog
        $result = Get-OktaEventHook 'receiver' | Test-OktaEventHookEndpoint -Confirm:$false
        $result.Uri | Should -Be $receiverHook.Uri
        (Get-ReceiverRequestLog)[0].headers.'X-Tenant' | Should -Be 'apac'
        (Get-OktaEventHook 'receiver' | Disable-OktaEventHook -PassThru -Confirm:$false).Status | Should -Be 'INACTIVE'
    }

    It 'copies a hook into New-OktaEventHook by property name, headers and filters included' {
        $copy = Get-OktaEventHook 'HR offboarding sync' | Select-Object Uri, EventTypes, Headers, Filter, @{ Name = 'Name'; Expression = { 'Copy of HR' } } |
            New-OktaEventHook -Confirm:$false
        $copy.Headers['X-Tenant'] | Should -Be 'emea'
        $copy.Filter['user.lifecycle.suspend'] | Should -Match 'User'
        $copy.EventTypes | Should -Be @('user.lifecycle.deactivate', 'user.lifecycle.suspend')
    }
}

Describe '7. -WhatIf and output, consistently' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
    }
    BeforeEach { Clear-SandboxRequestLog }

    It 'New -WhatIf lists what would be created: Name, Uri, EventTypes, Headers and Filter, without the secret and without a write' {
        $text = Get-HostText {
            New-OktaEventHook -Name 'Preview' -Uri 'https://hooks.example.com/preview' -EventType user.lifecycle.create, user.session.start `
                -Header @{ 'X-Source' = 'okta' } -Filter @{ 'user.session.start' = 'true' } -AuthHeaderValue (Secret 'Basic preview-secret') -WhatIf
        }
        $text | Should -Match "Name: 'Preview'"
        $text | Should -Match ([regex]::Escape('Uri: https://hooks.example.com/preview'))
        $text | Should -Match ([regex]::Escape('EventTypes: +user.lifecycle.create +user.session.start'))
        $text | Should -Match 'Headers: X-Source'
        $text | Should -Match 'Filter: user\.session\.start'
        $text | Should -Not -Match 'preview-secret'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        $text | Should -Match 'AuthHeader: .*Authorization'
    }

    It 'New -WhatIf says the auth header would be added, as Set does: "AuthHeader: Authorization added (value ***)"' {
        $text = Get-HostText {
            New-OktaEventHook -Name 'Preview secret' -Uri 'https://hooks.example.com/preview' -EventType user.lifecycle.create `
                -AuthHeaderValue (Secret 'Basic preview-secret') -WhatIf
        }
        $text | Should -Not -Match 'preview-secret'
        $text | Should -Match ([regex]::Escape('AuthHeader: Authorization added (value ***)'))
    }

    It 'Disable -Id <id> -WhatIf names the hook as "name (id)", even one this session has not seen' {
        # Created behind the module's back, so only a read under -WhatIf can name it.
        $body = @{ name = 'Unseen hook'; events = @{ type = 'EVENT_TYPE'; items = @('user.lifecycle.create') }
            channel = @{ type = 'HTTP'; version = '1.0.0'; config = @{ uri = (Get-ReceiverUri ok unseen); headers = @() } } } | ConvertTo-Json -Depth 5
        $unseen = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/api/v1/eventHooks" -Body $body -ContentType 'application/json' `
            -Headers @{ Authorization = "SSWS $env:OKTAEH_SANDBOX_TOKEN" }
        Clear-SandboxRequestLog
        $text = Get-HostText { Disable-OktaEventHook -Id $unseen.id -WhatIf }
        $text | Should -Match ([regex]::Escape("Unseen hook ($($unseen.id))"))
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'Import outputs what it created, updated, removed and left alone, with a Result each' {
        $keep = New-TestHook -Name 'keep'
        $change = New-TestHook -Name 'change'
        $path = Join-Path $TestDrive 'desired.json'
        Export-OktaEventHook -Path $path
        Set-OktaEventHook 'change' -Description 'changed by hand' -Confirm:$false
        $null = New-TestHook -Name 'extra'
        Remove-OktaEventHook 'keep' -Force -Confirm:$false
        $drift = Import-OktaEventHook -Path $path -Prune -Confirm:$false
        $drift | ForEach-Object { $_ | Should -BeOfType ([OktaEventHooks.EventHookDrift]) }
        $byName = @{}; foreach ($d in $drift) { $byName[$d.Name] = "$($d.Action) $($d.Result)" }
        $byName['keep'] | Should -Be 'Create Done'
        $byName['change'] | Should -Be 'Update Done'
        $byName['extra'] | Should -Be 'Remove Done'
        $byName['Unseen hook'] | Should -Be 'None Unchanged'
        (Import-OktaEventHook -Path $path -Prune -Confirm:$false).Result | Sort-Object -Unique | Should -Be @('Unchanged')
    }

    It 'New -Verify that fails says the hook was created and is UNVERIFIED, so nobody creates it again' {
        $null = New-OktaEventHook -Name 'Bad receiver' -Uri (Get-ReceiverUri wrong bad) -EventType user.lifecycle.create -Verify -ErrorVariable failed -ErrorAction SilentlyContinue
        $said = "$($failed[0].Exception.Message) $($failed[0].ErrorDetails.RecommendedAction)"
        $said | Should -Match 'created'
        $said | Should -Match 'UNVERIFIED'
        @(Get-OktaEventHook -Name 'Bad receiver').Count | Should -Be 1
    }

    It 'New -Force warns when the org already has a hook of that name' {
        $first = New-TestHook -Name 'Twice'
        $null = New-OktaEventHook -Name 'Twice' -Uri (Get-ReceiverUri ok twice) -EventType user.lifecycle.create -Force -WarningVariable twice -WarningAction SilentlyContinue
        $twice.Message | Should -Match "already has 1 hook\(s\) named 'Twice' \($($first.Id)\)"
    }
}

Describe '8. Messages' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:secretHook = New-TestHook -Name 'with secret' -Secret 'Basic eight' -EventType user.lifecycle.create, user.session.start
    }
    AfterEach { Connect-TestSandbox }

    It 'has no "(Parameter ''X'')" suffix in <Case>' -TestCases @(
        @{ Case = 'an org URL that is not https'; Script = { Connect-OktaOrg -OrgUrl 'ftp://contoso.okta.com' -ApiToken (ConvertTo-SecureString 't' -AsPlainText -Force) } }
        @{ Case = 'an Admin Console URL'; Script = { Connect-OktaOrg -OrgUrl 'https://contoso-admin.okta.com' -ApiToken (ConvertTo-SecureString 't' -AsPlainText -Force) } }
        @{ Case = 'an http hook endpoint to another host'; Script = { New-OktaEventHook -Name n -Uri 'http://hooks.example.com/x' -EventType user.lifecycle.create } }
        @{ Case = 'a blank event type'; Script = { New-OktaEventHook -Name n -Uri 'https://hooks.example.com/x' -EventType ' ' } }
        @{ Case = 'a -TimeoutSec out of range'; Script = { Connect-OktaOrg -OrgUrl 'https://contoso.okta.com' -ApiToken (ConvertTo-SecureString 't' -AsPlainText -Force) -TimeoutSec 0 } }
    ) {
        $failure = Get-TerminatingError $Script
        $failure.Exception.Message | Should -Not -Match "\(Parameter '"
    }

    It 'names the org URL when the org cannot be reached' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        (Get-TerminatingError { Connect-OktaOrg -OrgUrl "http://127.0.0.1:$port" -ApiToken (Secret 't') -MaxRetries 0 }).Exception.Message | Should -Match ([regex]::Escape("http://127.0.0.1:$port"))
    }

    It 'puts its colon after "Environment variable OKTA_CLIENT_PRIVATEKEY"' {
        $saved = @{}
        $settings = @{ OKTA_CLIENT_ORGURL = (Get-SandboxUrl); OKTA_CLIENT_AUTHORIZATIONMODE = 'PrivateKey'; OKTA_CLIENT_CLIENTID = '0oaPromptTest'; OKTA_CLIENT_PRIVATEKEY = 'not a key' }
        foreach ($name in @($settings.Keys) + @('OKTA_CLIENT_TOKEN', 'OKTA_CLIENT_SCOPES')) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $settings[$name]) }
        try { $failure = Get-TerminatingError { Connect-OktaOrg -FromEnvironment } }
        finally { foreach ($pair in $saved.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) } }
        $failure.Exception.Message | Should -Match '^Environment variable OKTA_CLIENT_PRIVATEKEY: '
    }

    It 'says "Nothing to change" for a Set that changes nothing on a hook with an auth header, and sends no write' {
        Clear-SandboxRequestLog
        Set-OktaEventHook -Id $secretHook.Id -Description $secretHook.Description -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -BeNullOrEmpty
        $warned.Message | Should -Match 'Nothing to change'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'says so when -RemoveEventType names a type the hook does not have' {
        Set-OktaEventHook -Id $secretHook.Id -RemoveEventType user.lifecycle.delete.initiated -AuthHeaderValue (Secret 'Basic eight') -Confirm:$false `
            -WarningVariable warned -WarningAction SilentlyContinue
        $warned.Message | Should -Match ([regex]::Escape('user.lifecycle.delete.initiated'))
        $warned.Message -join ' ' | Should -Match 'not|does not have|lacks'
    }

    It 'tells to enable an INACTIVE hook before verifying it' {
        $inactive = New-TestHook -Name 'sleeping'
        Disable-OktaEventHook -Id $inactive.Id -Confirm:$false
        Test-OktaEventHook -Id $inactive.Id -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'Enable-OktaEventHook'
    }

    It 'offers "did you mean" or a search hint for an unknown event type in Get-OktaEventType' {
        $null = Get-OktaEventType 'user.lifecycle.deactivat' -ErrorVariable near -ErrorAction SilentlyContinue
        $null = Get-OktaEventType 'nonexistent.type' -ErrorVariable far -ErrorAction SilentlyContinue
        $near[0].Exception.Message | Should -Match 'did you mean user\.lifecycle\.deactivate'
        "$($far[0].Exception.Message)" | Should -Match "did you mean|Get-OktaEventType '\*\w+\*'"
    }
}

Describe '9. Docs and demo that match the product' {
    BeforeAll {
        $script:about = Get-Content -LiteralPath (Join-Path $repo 'docs/en-US/about_OktaEventHooks.md') -Raw
        function Get-Section([string] $Text, [string] $Heading) {
            if ($Text -match "(?ms)^## $Heading\s*\n(.*?)(?=^## |\z)") { $Matches[1] } else { throw "No section '## $Heading'." }
        }
    }

    It 'lists every exported command in the about topic, and no other' {
        $listed = [regex]::Matches((Get-Section $about 'LONG DESCRIPTION'), '(?m)^- `(\w+-\w+)`') | ForEach-Object { $_.Groups[1].Value }
        @($listed | Sort-Object -Unique) | Should -Be $exported
        $about | Should -Not -Match '\b(ten|eleven|twelve|thirteen|fourteen) cmdlets\b'
    }

    It 'links every exported command under SEE ALSO, and no other' {
        $linked = [regex]::Matches((Get-Section $about 'SEE ALSO'), '(?m)^- \[(\w+-\w+)\]') | ForEach-Object { $_.Groups[1].Value }
        @($linked | Sort-Object -Unique) | Should -Be $exported
    }

    It 'has no example that needs a clone of the repository' {
        $pages = Get-ChildItem -LiteralPath (Join-Path $repo 'docs/en-US') -Filter *.md
        foreach ($page in $pages) {
            $examples = Get-Section (Get-Content -LiteralPath $page.FullName -Raw) 'EXAMPLES'
            $examples | Should -Not -Match '\./(tools|src|out|tests)/|build\.ps1' -Because "$($page.Name) is read by people who installed the module"
        }
    }

    It 'runs every exported cmdlet in the demo, each heading the command that runs under it' {
        Reset-TestSandbox
        $run = Invoke-Pwsh @('-File', (Join-Path $repo 'tools/demo.ps1'), '-ModulePath', $moduleManifest, '-OrgUrl', (Get-SandboxUrl), '-ApiToken', $env:OKTAEH_SANDBOX_TOKEN)
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $headings = @($run.Output -split "`n" | Where-Object { $_ -like '== *' })
        foreach ($command in $exported) { $headings -match "\b$command\b" | Should -Not -BeNullOrEmpty -Because "the demo shows $command" }
        # The Connect heading says it names the org and identity, and that one line is printed under it.
        $run.Output | Should -Match '(?m)^== Connect-OktaOrg .*names the org.*\n\s*Connected to 127\.0\.0\.1:\d+ with an API token \(SSWS\)[^\n]*\n\s*\n== Get-OktaConnection'
        $run.Output | Should -Match "Demo complete: ran all $($exported.Count) exported cmdlets"
    }
}

Describe '10. First minutes: the build and the sandbox say what is happening' {
    It 'prints a line before each step of the build' {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $repo 'build.ps1'), [ref] $null, [ref] $null)
        $build = $ast.Find({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $n.Name -eq 'Invoke-Build' }, $true)
        $statements = @($build.Body.EndBlock.Statements)
        $steps = @(for ($i = 0; $i -lt $statements.Count; $i++) { if ($statements[$i].Extent.Text -match '^(Invoke-Native|& \(Join-Path)') { $i } })
        $steps.Count | Should -BeGreaterOrEqual 2 -Because 'the build compiles and builds the help'
        $from = 0
        foreach ($i in $steps) {
            @($statements[$from..($i - 1)] | Where-Object { $_.Extent.Text -match '^Write-Host ' }) |
                Should -Not -BeNullOrEmpty -Because "a line says what '$($statements[$i].Extent.Text)' does before it starts"
            $from = $i + 1
        }
    }

    It 'started by hand, the sandbox says how to stop it and shows each request it serves' {
        $dll = $env:OKTAEH_SANDBOX_DLL ?? (Join-Path $repo 'src/OktaEventHooks.Sandbox/bin/Release/net10.0/OktaEventHooks.Sandbox.dll')
        foreach ($quiet in $false, $true) {
            $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
            foreach ($argument in @($dll, '--api-token', 'prompt-token') + @(if ($quiet) { '--quiet' })) { $info.ArgumentList.Add($argument) }
            $info.RedirectStandardOutput = $true; $info.UseShellExecute = $false
            $process = [System.Diagnostics.Process]::Start($info)
            try {
                $first = $process.StandardOutput.ReadLine()
                $first | Should -Match '^Sandbox listening on http://127\.0\.0\.1:\d+ token=prompt-token$'
                $process.StandardOutput.ReadLine() | Should -Match '^Ctrl\+C to stop\.'
                $url = ($first -split ' ')[3]
                $null = Invoke-RestMethod -Uri "$url/api/v1/eventHooks" -Headers @{ Authorization = 'SSWS prompt-token' }
                $process.Kill($true); $null = $process.WaitForExit(10000)
                $rest = $process.StandardOutput.ReadToEnd()
                if ($quiet) { $rest | Should -BeNullOrEmpty }
                else { $rest | Should -Match '(?m)^\d\d:\d\d:\d\d GET /api/v1/eventHooks 200 \d+ ms$' }
            }
            finally { if (-not $process.HasExited) { $process.Kill($true) } }
        }
    }
}
