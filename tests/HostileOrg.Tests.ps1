# An org (or an endpoint) that misbehaves in ways the sandbox will not: answers that stall, bombs, paging without
# end, ids and fields of the wrong shape, broken headers, text that drives the terminal. The module must end every
# command with a named error or a warning, never hang, never run out of memory, never write back what it did not read.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Import-Module "$PSScriptRoot/HostileServer.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

    # GET /scenario/<name> picks how the org behaves from then on. Every hook it returns is built by hook().
    $script:org = Start-HostileServer {
        param($request)
        $path = $request.Path
        if ($path -like '/scenario/*') { $global:scenario = ($path -split '/')[-1]; $global:created = $null; $global:posts = 0; $global:page = 0; return @{ Body = '{}' } }
        $origin = "http://$($request.Headers['Host'])"
        function hook([string] $id, [string] $name, $items = @('user.lifecycle.create'), [string] $status = 'INACTIVE', [string] $created = ([datetime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ss.000Z'))) {
            [ordered]@{
                id = $id; status = $status; verificationStatus = 'VERIFIED'; name = $name; description = $null
                created = $created; createdBy = '00u1'; lastUpdated = $created
                events = [ordered]@{ type = 'EVENT_TYPE'; items = $items; filter = $null }
                channel = [ordered]@{ type = 'HTTP'; version = '1.0.0'; config = [ordered]@{ uri = 'https://hooks.example.com/okta'; headers = @(); method = 'POST'; authScheme = $null } }
                _links = @{ self = @{ href = "http://127.0.0.1/api/v1/eventHooks/$id" } }
            }
        }
        function json($value) { ConvertTo-Json -InputObject $value -Depth 20 -Compress }
        switch ($global:scenario) {
            'carry' {
                $hook = hook 'whoCarry000000000001' 'Carried'
                $hook.futureField = [ordered]@{ kept = $true; level = 3 }
                $hook.events.items = @('user.lifecycle.create', 'group.user_membership.add')
                $hook.events.filter = [ordered]@{ type = 'EXPRESSION_LANGUAGE'; eventFilterMap = @([ordered]@{ event = 'group.user_membership.add'; condition = [ordered]@{ version = '1.0'; expression = "event.target.?[type eq 'UserGroup'].size()>0" } }) }
                if ($request.Method -eq 'PUT') { $sent = $request.Body | ConvertFrom-Json -AsHashtable; $sent.id = 'whoCarry000000000001'; $sent.status = 'INACTIVE'; return @{ Body = (json $sent) } }
                if ($path -like '/api/v1/eventHooks/*') { return @{ Body = (json $hook) } }
                return @{ Body = (json @($hook)) }
            }
            'items-object' {
                $hook = hook 'whoOdd00000000000001' 'Odd' @('user.lifecycle.create', @{ eventType = 'user.lifecycle.delete' })
                if ($path -like '/api/v1/eventHooks/*') { return @{ Body = (json $hook) } }
                return @{ Body = (json @($hook)) }
            }
            'bad-ids' {
                $hooks = @((hook '../../users/00u1' 'Evil'), (hook '' 'Blank'), (hook 'whoGood0000000000001' 'Good'))
                if ($request.Method -eq 'DELETE') { return @{ Status = 204; Body = '' } }
                if ($path -like '/api/v1/eventHooks/who*') { return @{ Body = (json $hooks[2]) } }
                return @{ Body = (json $hooks) }
            }
            'reset-overflow' {
                return @{ Body = '[]'; Headers = @{ 'X-Rate-Limit-Limit' = '100'; 'X-Rate-Limit-Remaining' = '0'; 'X-Rate-Limit-Reset' = '99999999999999' } }
            }
            'control' {
                return @{ Status = 400; Body = '{"errorCode":"E0000001","errorSummary":"\u001b[2J\u001b[H\r\nPS C:\\> Get-Secret -Everything\u0007","errorCauses":[{"errorSummary":"\u001b]0;pwned\u0007"}]}' }
            }
            'declared-300mb' {
                return @{ Bytes = [byte[]]::new(1MB); Repeat = 300 }
            }
            'gzip-bomb' {
                $raw = [IO.MemoryStream]::new()
                $gzip = [IO.Compression.GZipStream]::new($raw, [IO.Compression.CompressionLevel]::Optimal)
                $block = [byte[]]::new(1MB)
                for ($i = 0; $i -lt 300; $i++) { $gzip.Write($block, 0, $block.Length) }
                $gzip.Dispose()
                return @{ Bytes = $raw.ToArray(); Headers = @{ 'Content-Encoding' = 'gzip' } }
            }
            'paging-repeats' {
                $global:page = 1 + [int]$global:page
                $record = '{"uuid":"11111111-aaaa-bbbb-cccc-000000000001","published":"' + [datetime]::UtcNow.AddMinutes(-5).ToString('yyyy-MM-ddTHH:mm:ss.fffZ') + '","eventType":"event_hook.delivery","outcome":{"result":"FAILURE"},"target":[{"id":"whoX","type":"EventHook","displayName":"X"}]}'
                # A new next link on every page, for 50 pages (so that a reader without a stop still ends, and the test with it).
                $link = if ($global:page -lt 50) { @{ Link = "<$origin/api/v1/logs?after=$($global:page)>; rel=`"next`"" } } else { @{} }
                return @{ Body = "[$record]"; Headers = $link }
            }
            'paging-elsewhere' {
                if ($path -notlike '/api/v1/logs*') { return @{ Body = '{}' } }
                $record = '{"uuid":"22222222-aaaa-bbbb-cccc-000000000001","published":"' + [datetime]::UtcNow.AddMinutes(-5).ToString('yyyy-MM-ddTHH:mm:ss.fffZ') + '","eventType":"event_hook.delivery","outcome":{"result":"FAILURE"},"target":[{"id":"whoX","type":"EventHook","displayName":"X"}]}'
                return @{ Body = "[$record]"; Headers = @{ Link = "<$origin/api/v1/eventHooks/whoX0000000000000001/lifecycle/deactivate>; rel=`"next`"" } }
            }
            'two-dates' {
                # The create reaches the org but its answer is lost (502); the list carries two Date headers that disagree.
                $dates = @("Date: $([datetime]::UtcNow.AddYears(5).ToString('r'))", "Date: $([datetime]::UtcNow.ToString('r'))")
                if ($request.Method -eq 'POST') {
                    $global:posts = 1 + [int]$global:posts
                    $sent = $request.Body | ConvertFrom-Json
                    $global:created = hook "whoDated00000000000$($global:posts)" $sent.name @($sent.events.items) 'ACTIVE'
                    $global:created.channel.config.uri = $sent.channel.config.uri
                    return @{ Status = 502; Body = '<html>Bad gateway</html>'; Headers = @{ 'Content-Type' = 'text/html' } }
                }
                return @{ Body = (json ([object[]]@($global:created | Where-Object { $_ }))); Headers = $dates }
            }
            default { return @{ Body = '[]' } }
        }
    }
    function Use-Scenario([string] $Name) {
        $null = Invoke-RestMethod "$($org.Url)/scenario/$Name"
        Clear-OrgRequest
        Connect-OktaOrg -OrgUrl $org.Url -ApiToken (Secret 'hostile-org-token-123') -MaxRetries 1 -SkipValidation -InformationAction Ignore
    }
    function Get-OrgRequest([string] $Method) { @($org.Requests | Where-Object { $_.Path -notlike '/scenario/*' -and (-not $Method -or $_.Method -eq $Method) }) }
    function Clear-OrgRequest { $null = $org.Server.Requests.Clear() }
}
AfterAll {
    $org.Stop()
    Stop-TestSandbox
}

Describe 'A replace carries what the module does not model' {
    It 'keeps unknown fields, a condition''s version and channel.config.method, changing only what Set names' {
        Use-Scenario carry
        $null = Set-OktaEventHook -Id whoCarry000000000001 -Description 'new words' -Confirm:$false
        $sent = (Get-OrgRequest PUT)[0].Body | ConvertFrom-Json
        $sent.description | Should -Be 'new words'
        $sent.name | Should -Be 'Carried'
        $sent.futureField.kept | Should -BeTrue
        $sent.futureField.level | Should -Be 3
        $sent.events.filter.eventFilterMap[0].condition.version | Should -Be '1.0'
        $sent.channel.config.method | Should -Be 'POST'
        $sent.PSObject.Properties.Name | Should -Not -Contain 'id'
        $sent.PSObject.Properties.Name | Should -Not -Contain '_links'
        $sent.PSObject.Properties.Name | Should -Not -Contain 'created'
    }
}

Describe 'An endpoint that stalls mid-body' {
    BeforeAll {
        $script:stall = Start-HostileServer { param($request) @{ Body = '{"verific'; Promise = 1000 } }
    }
    AfterAll { $stall.Stop() }

    It 'gives up as Okta does, and says the body stopped coming' {
        $shell = [powershell]::Create()
        $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
        $null = $shell.AddScript("Import-Module '$module'; Test-OktaEventHookEndpoint -Uri '$($stall.Url)/hook'")
        $async = $shell.BeginInvoke()
        $ended = $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60))
        # Not ended: left to the stall server's Stop, which closes its connections (a Stop() here could wait forever).
        $ended | Should -BeTrue -Because 'the probe must not wait for a body that never comes'
        $result = $shell.EndInvoke($async)[0]
        $shell.Dispose()
        $result.Passed | Should -BeFalse
        ($result.Problems -join ' ') | Should -Match 'not the whole body'
    }

    It 'stops at once on Ctrl+C while the body stalls' {
        $shell = [powershell]::Create()
        $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
        $null = $shell.AddScript("Import-Module '$module'; Test-OktaEventHookEndpoint -Uri '$($stall.Url)/hook'")
        $before = @($stall.Requests).Count
        $null = $shell.BeginInvoke()
        $deadline = [datetime]::UtcNow.AddSeconds(20)
        while (@($stall.Requests).Count -le $before -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $stop = $shell.BeginStop($null, $null)
        $stopped = $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(2))
        $stopped | Should -BeTrue -Because 'Ctrl+C must end a stalled body read'
        $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $shell.Dispose()
    }
}

Describe 'An endpoint that answers too much' {
    BeforeAll {
        # Claims 2 MB and sends a little: the endpoint test must not read it, nor wait for the rest.
        $script:huge = Start-HostileServer { param($request) @{ Body = '{"verification":"'; Promise = 2MB } }
    }
    AfterAll { $huge.Stop() }

    It 'says the answer was too large, without reading it' {
        $result = Test-OktaEventHookEndpoint -Uri "$($huge.Url)/hook"
        $result.Passed | Should -BeFalse
        $result.VerificationStatusCode | Should -BeNullOrEmpty
        $result.Problems[0] | Should -Match '^Verification: answered with a body that was not read: the answer is 2 MB'
    }
}

Describe 'System Log paging that never ends' {
    It 'stops on a page that repeats the records already read' {
        Use-Scenario paging-repeats
        $records = [Collections.Generic.List[object]]::new()
        $failure = Get-TerminatingError { Get-OktaEventHookLog -Since (Get-Date).AddHours(-1) | ForEach-Object { $records.Add($_) } }
        $failure.FullyQualifiedErrorId | Should -BeLike 'OktaEndlessPaging,*'
        $failure.Exception.Message | Should -Match 'repeats records already read'
        @(Get-OrgRequest GET | Where-Object Path -like '/api/v1/logs*').Count | Should -BeLessOrEqual 3
        $records.Count | Should -Be 1
    }

    It 'never follows a next link to another path of the org' {
        Use-Scenario paging-elsewhere
        $failure = Get-TerminatingError { Get-OktaEventHookLog -Since (Get-Date).AddHours(-1) }
        $failure.FullyQualifiedErrorId | Should -BeLike 'OktaUntrustedLink,*'
        @(Get-OrgRequest | Where-Object Path -like '*lifecycle*') | Should -BeNullOrEmpty
    }
}

Describe 'Hook ids from the org that cannot be addressed' {
    BeforeEach { Use-Scenario bad-ids; Clear-OrgRequest }

    It 'reports <Command> on such a hook as unaddressable and goes on with the others' -TestCases @(
        @{ Command = 'Remove-OktaEventHook' }
        @{ Command = 'Disable-OktaEventHook' }
        @{ Command = 'Set-OktaEventHook' }
    ) {
        $params = @{ Confirm = $false; ErrorAction = 'SilentlyContinue' }
        if ($Command -eq 'Set-OktaEventHook') { $params.Description = 'x' }
        $failures = @()
        foreach ($name in 'Evil', 'Blank', 'Good') { $null = & $Command -Id $name @params -ErrorVariable one; $failures += @($one) }
        $unaddressable = @($failures | Where-Object FullyQualifiedErrorId -like 'EventHookIdUnaddressable,*')
        $unaddressable.Count | Should -Be 2
        ($failures | Out-String) | Should -Not -Match 'System\.ArgumentException|Parameter ''id'''
        @(Get-OrgRequest | Where-Object { $_.Method -ne 'GET' -and $_.Path -like '*whoGood*' }).Count | Should -BeGreaterThan 0
        @(Get-OrgRequest | Where-Object Path -like '*users*') | Should -BeNullOrEmpty
    }

    It 'goes on with Import -Prune -Force past such hooks' {
        $file = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-prune-ids-$([guid]::NewGuid().ToString('N')).json"
        '{ "schemaVersion": 1, "eventHooks": [] }' | Set-Content -LiteralPath $file
        try {
            $results = Import-OktaEventHook -Path $file -Prune -Force -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures
        }
        finally { Remove-Item -LiteralPath $file }
        @($failures | Where-Object FullyQualifiedErrorId -like 'EventHookIdUnaddressable,*').Count | Should -Be 2
        ($results | Where-Object Name -eq 'Good').Result | Should -Be 'Done'
        @(Get-OrgRequest DELETE).Path | Should -Be '/api/v1/eventHooks/whoGood0000000000001'
    }
}

Describe 'A hook whose event types are not text' {
    It 'lists and gets it with a warning, and Set refuses to write it back' {
        Use-Scenario items-object
        Clear-OrgRequest
        $hooks = @(Get-OktaEventHook -WarningVariable warnings -WarningAction SilentlyContinue)
        $hooks.Count | Should -Be 1
        ($warnings -join ' ') | Should -Match 'malformed.*events.items\[1\] is an object'
        $hook = Get-OktaEventHook -Id whoOdd00000000000001 -WarningAction SilentlyContinue
        $hook.Name | Should -Be 'Odd'
        Set-OktaEventHook -Id whoOdd00000000000001 -Description 'x' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'EventHookMalformed,*'
        Get-OrgRequest PUT | Should -BeNullOrEmpty
    }
}

Describe 'A rate-limit reset thousands of years away' {
    It 'is a named wait error and a readable connection, not an overflow' {
        Use-Scenario reset-overflow
        $null = Get-OktaEventHook
        { Get-OktaConnection | Format-List * | Out-String } | Should -Not -Throw
        $failure = Get-TerminatingError { Get-OktaEventHook }
        $failure.FullyQualifiedErrorId | Should -BeLike 'OktaRateLimitExhausted,*'
        $failure.Exception.Message | Should -Not -Match 'Overflow|System\.'
    }
}

Describe 'Server text that drives the terminal' {
    It 'shows ESC, CR, LF and BEL of an errorSummary escaped' {
        Use-Scenario control
        $failure = Get-TerminatingError { Get-OktaEventHook }
        $failure.Exception.Message | Should -Not -Match '[\x00-\x1f]'
        $failure.ErrorDetails.Message | Should -Not -Match '[\x00-\x1f]'
        $failure.Exception.Message | Should -Match 'U\+001B\[2J'
    }
}

Describe 'Answers too large to hold' {
    It 'refuses a <Case> with a named error' -TestCases @(
        @{ Case = '300 MB list'; Scenario = 'declared-300mb' }
        @{ Case = '1 MB gzip that inflates to 300 MB'; Scenario = 'gzip-bomb' }
    ) {
        Use-Scenario $Scenario
        $failure = Get-TerminatingError { Get-OktaEventHook }
        $failure.FullyQualifiedErrorId | Should -BeLike 'OktaAnswerTooLarge,*'
        $failure.Exception.Message | Should -Match 'too large'
        (Get-OrgRequest GET).Count | Should -Be 1
    }

    It 'holds a 300 MB answer under 100 MB more working set, measured in a process of its own' {
        $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
        $child = @"
`$null = Invoke-RestMethod '$($org.Url)/scenario/declared-300mb'
Import-Module '$module'
Connect-OktaOrg -OrgUrl '$($org.Url)' -ApiToken (ConvertTo-SecureString 'hostile-org-token-123' -AsPlainText -Force) -MaxRetries 1 -SkipValidation -InformationAction Ignore
`$null = Get-OktaEventType
[GC]::Collect(); `$me = [Diagnostics.Process]::GetCurrentProcess(); `$me.Refresh(); `$before = `$me.PeakWorkingSet64
try { Get-OktaEventHook } catch { }
`$null = Invoke-RestMethod '$($org.Url)/scenario/gzip-bomb'
try { Get-OktaEventHook } catch { }
`$me.Refresh(); [math]::Round((`$me.PeakWorkingSet64 - `$before) / 1MB)
"@
        $pwsh = (Get-Process -Id $PID).Path
        $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $grewMb = [int](& $pwsh @prefix -NoProfile -NonInteractive -Command $child | Select-Object -Last 1)
        Write-Host "Peak working set grew by $grewMb MB for a 300 MB answer and a 300 MB gzip bomb"
        $grewMb | Should -BeLessThan 100
    }
}

Describe 'A create in doubt whose answers carry two Date headers that disagree' {
    It 'finds the hook its lost answer created, with one POST' {
        Use-Scenario two-dates
        Clear-OrgRequest
        $hook = New-OktaEventHook -Name 'Dated' -Uri 'https://hooks.example.com/okta' -EventType user.lifecycle.create -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failure
        (Get-OrgRequest POST).Count | Should -Be 1
        $failure | Should -BeNullOrEmpty
        $hook.Id | Should -Be 'whoDated000000000001'
    }
}
