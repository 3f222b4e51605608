# Progress for commands over many hooks, and -WhatIf text that says what would change.
# Progress records are read from a runspace that shares this console host, as a prompt would show them.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
}
AfterAll { Stop-TestSandbox }

Describe 'Progress' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:ids = @(1..7 | ForEach-Object { (New-TestHook -Name "bulk $_").Id })
    }
    BeforeEach { Reset-SandboxFaults }

    It 'appears once the work has taken about a second, says "n of m", and is completed at the end' {
        # Each deactivation takes 0.3 s: the bar appears part-way, not with the first hook.
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.3; count = 7; method = 'POST' }
        $records = Get-ProgressRecord { param($ids) Disable-OktaEventHook -Id $ids } @(, $ids)
        $records.Count | Should -BeGreaterThan 1
        $records[0].StatusDescription | Should -Match '^[3-7] of 7: '
        $records[0].StatusDescription | Should -Not -Match '^1 of 7'
        $records[-2].StatusDescription | Should -Match '^7 of 7: '
        $records[-2].PercentComplete | Should -BeGreaterThan 0
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'appears for two slow hooks as well: the time decides, not the count' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 1.2; count = 2; method = 'POST' }
        $records = Get-ProgressRecord { param($ids) Disable-OktaEventHook -Id $ids } @(, $ids[0..1])
        $records[0].StatusDescription | Should -Match '^2 of 2: '
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'says how many so far from a pipeline, whose length is not known' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.3; count = 7; method = 'POST' }
        $records = Get-ProgressRecord { Get-OktaEventHook -Name 'bulk*' | Enable-OktaEventHook }
        $records[0].StatusDescription | Should -Match '^\d so far: bulk \d \(who'
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'is written by Get, Set and Remove over many hooks' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.3; count = 100; method = 'GET'; pathPrefix = '/api/v1/eventHooks/' }
        (Get-ProgressRecord { param($ids) $null = Get-OktaEventHook -Id $ids } @(, $ids)).Count | Should -BeGreaterThan 0
        (Get-ProgressRecord { Get-OktaEventHook -Name 'bulk*' | Set-OktaEventHook -Description 'many' }).Count | Should -BeGreaterThan 0
        (Get-ProgressRecord { param($ids) Remove-OktaEventHook -Id $ids -Force -WhatIf } @(, $ids)).Count | Should -BeGreaterThan 0
    }

    It 'is not written for work that ends within a second' {
        Get-ProgressRecord { param($ids) Disable-OktaEventHook -Id $ids } @(, $ids[0..2]) | Should -BeNullOrEmpty
    }

    It 'is suppressed by $ProgressPreference = SilentlyContinue' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.3; count = 7; method = 'POST' }
        Get-ProgressRecord { param($ids) $ProgressPreference = 'SilentlyContinue'; Disable-OktaEventHook -Id $ids } @(, $ids) | Should -BeNullOrEmpty
    }

    It 'is not written where no host shows it' {
        Add-SandboxFault @{ mode = 'hang'; seconds = 0.3; count = 7; method = 'POST' }
        Get-ProgressRecord { param($ids) Disable-OktaEventHook -Id $ids } @(, $ids) -WithoutHost | Should -BeNullOrEmpty
    }
}

Describe 'Set-OktaEventHook -WhatIf' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hook = New-TestHook -Name 'WhatIf target' -Uri 'https://hooks.example.com/a' -Secret 'Basic whatif-secret'
        Clear-SandboxRequestLog
    }

    It 'names each change field by field, the secret as ***, and sends only the read' {
        $secret = ConvertTo-SecureString 'Basic new-whatif-secret' -AsPlainText -Force
        $text = Get-HostText { Set-OktaEventHook -Id $hook.Id -Uri 'https://hooks.example.com/b' -AddEventType user.session.start -AuthHeaderValue $secret -WhatIf }
        $text | Should -Match ([regex]::Escape("Update event hook: Uri: https://hooks.example.com/a -> https://hooks.example.com/b; EventTypes: +user.session.start; AuthHeader: Authorization value replaced (***)"))
        $text | Should -Match ([regex]::Escape("WhatIf target ($($hook.Id))"))
        $text | Should -Not -Match 'whatif-secret'
        (Get-SandboxRequestLog).method | Should -Be 'GET'
    }
}

Describe 'Long waits are shown at the prompt' {
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
                Connect-OktaOrg -OrgUrl $url -ApiToken (ConvertTo-SecureString $token -AsPlainText -Force) -InformationAction Ignore
                1..5 | ForEach-Object { $null = Get-OktaEventHook }
            }).AddArgument((Get-StagedModulePath)).AddArgument($env:OKTAEH_SANDBOX_URL).AddArgument($env:OKTAEH_SANDBOX_TOKEN)
            $null = $shell.Invoke()
            $shell.Streams.Error | Should -BeNullOrEmpty
            $shell.Streams.Progress | Should -BeNullOrEmpty
        }
        finally { $runspace.Dispose() }
    }
}

Describe 'Progress once the work takes about a second, with a clean text' {
    # The tests above pin when the bar appears (after about a second, whatever the count), "n so far" from
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
