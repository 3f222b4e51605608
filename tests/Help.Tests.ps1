# The staged module's help: Get-Help shows the pages of docs/en-US, the pages match the cmdlets (tools/Test-Docs.ps1),
# and the converter (tools/ConvertTo-MamlHelp.ps1) writes MAML and stops on a malformed page.

BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../OktaEventHooks.psd1')
    $cmdletCases = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox

    $script:repo = Get-RepoPath
    $script:moduleManifest = Get-StagedModulePath
    $script:exported = @((Get-Module OktaEventHooks).ExportedCommands.Keys | Sort-Object)
    $script:docs = Join-Path $repo 'docs/en-US'
    $script:testDocs = Join-Path $repo 'tools/Test-Docs.ps1'
    $script:convert = Join-Path $repo 'tools/ConvertTo-MamlHelp.ps1'
    $script:fixtures = Join-Path $repo 'tools/HelpBuilder/TestData'
    $script:modulePath = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
    $script:common = [System.Management.Automation.PSCmdlet]::CommonParameters

    # Runs tools/Test-Docs.ps1 in a child pwsh (it imports the module itself) and returns its exit code and output.
    function Invoke-TestDocs([string] $DocsPath) {
        $exe = [Environment]::ProcessPath
        $arguments = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments += Join-Path $PSHOME 'pwsh.dll' }
        $arguments += '-NoProfile', '-NonInteractive', '-File', $testDocs, '-ModulePath', $modulePath, '-DocsPath', $DocsPath
        $output = & $exe @arguments 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output -join "`n") }
    }

    # The SYNOPSIS text of a page, as plain text on one line.
    function Get-PageSynopsis([string] $Path) {
        $text = Get-Content -LiteralPath $Path -Raw
        if ($text -notmatch '(?ms)^## SYNOPSIS\s*$(?<body>.*?)^## ') { throw "$Path has no '## SYNOPSIS'." }
        ConvertTo-Comparable $Matches.body
    }

    function ConvertTo-Comparable([string] $Text) { ($Text -replace '\*', '' -replace '\s+', ' ').Trim() }

    # A copy of docs/en-US to break on purpose.
    function Copy-Docs {
        $copy = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $copy
        Copy-Item -Path (Join-Path $docs '*.md') -Destination $copy
        $copy
    }
}

AfterAll { Stop-TestSandbox }

Describe 'Get-Help <Name> -Full' -ForEach $cmdletCases {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
        $page = Join-Path $docs "$Name.md"
    }

    It 'shows the synopsis from docs/en-US/<Name>.md' {
        $page | Should -Exist
        ConvertTo-Comparable $help.Synopsis | Should -Be (Get-PageSynopsis $page)
        # Without MAML help, Get-Help shows the syntax as the synopsis.
        $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name))\b"
    }

    It 'shows a description' {
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        $documented = @($help.parameters.parameter | Where-Object { $_ })
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $entry = $documented | Where-Object name -eq $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter must be in the help"
            ($entry.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'has at least three examples, each with code' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterOrEqual 3
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because $example.title
        }
    }
}

Describe 'Get-Help about_OktaEventHooks' {
    It 'returns the about topic' {
        $about = Get-Help about_OktaEventHooks -ErrorAction Stop
        $text = $about | Out-String
        $text | Should -Match 'about_OktaEventHooks'
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
    }
}

Describe 'tools/Test-Docs.ps1' {
    It 'finds docs/en-US in agreement with the cmdlets' {
        $result = Invoke-TestDocs $docs
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $result.Output | Should -Match '(?m)^Docs OK: '
    }

    It 'reports a parameter whose section was removed from its page' {
        $copy = Copy-Docs
        $file = Join-Path $copy 'Get-OktaEventHook.md'
        $lines = Get-Content -LiteralPath $file
        $start = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^### -Id\s*$' })
        $start | Should -BeGreaterOrEqual 0 -Because 'the page documents -Id'
        $end = [array]::FindIndex([string[]]$lines, $start + 1, [Predicate[string]] { param($l) $l -match '^##' })
        $lines[0..($start - 1)] + $lines[$end..($lines.Count - 1)] | Set-Content -LiteralPath $file

        $result = Invoke-TestDocs $copy
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match "Get-OktaEventHook\.md:\d+: -Id has no '### -Id' section"
        $result.Output | Should -Not -Match '(?m)^Docs OK'
    }

    It 'reports an example whose code does not parse' {
        $copy = Copy-Docs
        $file = Join-Path $copy 'Remove-OktaEventHook.md'
        $broken = "### Example 99: Broken`n``````powershell`nGet-OktaEventHook -Name ('unclosed'`n```````n`nDoes not parse.`n`n## PARAMETERS"
        (Get-Content -LiteralPath $file -Raw) -replace '(?m)^## PARAMETERS\s*$', $broken | Set-Content -LiteralPath $file -NoNewline

        $result = Invoke-TestDocs $copy
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match "Remove-OktaEventHook\.md:\d+: '### Example 99: Broken': the code does not parse"
    }

    It 'reports a parameter whose documented metadata disagrees with the cmdlet' {
        $copy = Copy-Docs
        $file = Join-Path $copy 'Get-OktaEventHook.md'
        $text = Get-Content -LiteralPath $file -Raw
        # -Id is mandatory: document it as optional.
        $text = [regex]::Replace($text, '(?s)(### -Id\b.*?Required:\s*)True', '${1}False')
        Set-Content -LiteralPath $file -Value $text -NoNewline

        $result = Invoke-TestDocs $copy
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match 'Get-OktaEventHook\.md:\d+: -Id \(set Id\): Required is False, but the cmdlet says True'
    }
}

Describe 'tools/ConvertTo-MamlHelp.ps1' {
    It 'writes MAML in the shape of PlatyPS and the about topic as text' {
        $out = Join-Path $TestDrive 'valid'
        & $convert -DocsPath (Join-Path $fixtures 'valid') -OutputPath $out 6> $null

        [xml] $maml = Get-Content -LiteralPath (Join-Path $out 'Fixture.dll-Help.xml') -Raw
        $maml.helpItems.schema | Should -Be 'maml'
        $command = $maml.helpItems.command
        $command.details.name | Should -Be 'Get-Fixture'
        $command.details.verb | Should -Be 'Get'
        $command.details.noun | Should -Be 'Fixture'
        $command.details.description.para | Should -Be 'Gets fixtures.'
        @($command.syntax.syntaxItem).Count | Should -Be 2
        @($command.syntax.syntaxItem[1].parameter.name) | Should -Be @('Id', 'Force', 'WhatIf', 'Confirm')
        $name = $command.parameters.parameter | Where-Object name -eq 'Name'
        $name.required | Should -Be 'false'
        $name.position | Should -Be '0'
        $name.globbing | Should -Be 'true'
        $name.pipelineInput | Should -Be 'True (ByValue)'
        $name.aliases | Should -Be 'N, FixtureName'
        $name.type.name | Should -Be 'String[]'
        @($command.examples.example)[0].title | Should -Be '-------------------------- Example 1: Get all fixtures --------------------------'
        @($command.examples.example)[0].code | Should -Be 'PS C:\> Get-Fixture'
        $command.returnValues.returnValue.type.name | Should -Be 'Fixture.Item'
        $command.relatedLinks.navigationLink[0].uri | Should -Be 'https://example.com/get-fixture'

        $about = Get-Content -LiteralPath (Join-Path $out 'about_Fixture.help.txt') -Raw
        $about | Should -Match '(?m)^TOPIC\n    about_Fixture\n'
        $about | Should -Match '(?m)^SHORT DESCRIPTION\n    Describes the fixture module'
    }

    It 'stops on a malformed page, naming the file and the line, and writes nothing' {
        $out = Join-Path $TestDrive 'malformed'
        { & $convert -DocsPath (Join-Path $fixtures 'malformed') -OutputPath $out } |
            Should -Throw -ExpectedMessage '*Get-Broken.md:33: *Required is ''Maybe''*'
        $out | Should -Not -Exist
    }
}

Describe 'Docs and demo that match the product' {
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
        $run = Invoke-ChildPwsh @('-File', (Join-Path $repo 'tools/demo.ps1'), '-ModulePath', $moduleManifest, '-OrgUrl', (Get-SandboxUrl), '-ApiToken', $env:OKTAEH_SANDBOX_TOKEN)
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $headings = @($run.Output -split "`n" | Where-Object { $_ -like '== *' })
        foreach ($command in $exported) { $headings -match "\b$command\b" | Should -Not -BeNullOrEmpty -Because "the demo shows $command" }
        # The Connect heading says it names the org and identity, and that one line is printed under it.
        $run.Output | Should -Match '(?m)^== Connect-OktaOrg .*names the org.*\n\s*Connected to 127\.0\.0\.1:\d+ with an API token \(SSWS\)[^\n]*\n\s*\n== Get-OktaConnection'
        $run.Output | Should -Match "Demo complete: ran all $($exported.Count) exported cmdlets"
    }
}
