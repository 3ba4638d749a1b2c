import ArgumentParser
import Columnar
import Foundation
import Ingest
import Store

/// `chm ingest web FILE…`: web server logs into `hits`, one batch per file.
struct IngestWebCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "Ingest web server access logs (Combined, Common, W3C/IIS, custom) into the hits table.",
        discussion: """
        Each file is one batch; a file ingested before (same SHA-256) is skipped unless --force. \
        Files may be gzip-compressed; - reads standard input.

        The layout is detected unless --log-format names one: COMBINED, VCOMBINED (Apache vhost_combined), \
        VHOSTCOMBINED (virtual host then a space), COMMON, VCOMMON, W3C, or a GoAccess-style layout.

        IP addresses are never stored: they key the visitor hash (with the workspace's secret), \
        the country (--geoip) and --exclude-ip, then are dropped.

        Examples:
          chm ingest web access.log access.log.1.gz --site chm.example.org
          chm ingest web iis.log --log-format W3C --geoip dbip-country-lite.csv
          chm ingest web app.log --log-format '%h %^[%x] "%r" %s %b "%R" "%u"' \\
              --datetime-format '%d/%b/%Y:%H:%M:%S %z'
          chm ingest web access.log --doc-rule '/documents/=*' \\
              --exclude-ip 10.0.0.0/8 --exclude-ip ::1/128
        """
    )

    @Argument(help: "Log files (- for standard input; .gz read as gzip).")
    var files: [String]

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The log layout: a predefined name or a GoAccess-style layout (detected when omitted).", valueName: "format"))
    var logFormat: String?

    @Option(help: ArgumentHelp("Layout of %d in a custom format (strftime style).", valueName: "layout"))
    var dateFormat: String?

    @Option(help: ArgumentHelp("Layout of %t in a custom format.", valueName: "layout"))
    var timeFormat: String?

    @Option(help: ArgumentHelp("Layout of %x in a custom format (default %d/%b/%Y:%H:%M:%S %z).", valueName: "layout"))
    var datetimeFormat: String?

    @Option(help: ArgumentHelp("The site of every row (default: the virtual host when the log has one, else 'default').", valueName: "name"))
    var site: String?

    @Option(name: .customLong("doc-rule"), help: ArgumentHelp("Requests under PREFIX are downloads in CATEGORY (* = the next path segment); repeatable.", valueName: "prefix=category"))
    var docRules: [String] = []

    @Option(name: .customLong("search-param"), help: ArgumentHelp("A query parameter that marks a site search (default q); repeatable.", valueName: "name"))
    var searchParams: [String] = []

    @Option(help: ArgumentHelp("IP-to-country table, DB-IP Lite CSV layout (start_ip,end_ip,country).", valueName: "file.csv"))
    var geoip: String?

    @Option(name: .customLong("exclude-ip"), help: ArgumentHelp("Drop requests from this address or CIDR block (IPv4 or IPv6); repeatable.", valueName: "cidr"))
    var excludeIPs: [String] = []

    @OptionGroup var batch: BatchOptions

    func run() throws {
        try reportingErrors {
            var options = WebLogImport.Options()
            options.logFormat = logFormat
            options.dateFormat = dateFormat
            options.timeFormat = timeFormat
            options.datetimeFormat = datetimeFormat
            options.site = site
            options.documentRules = try docRules.map { try DocumentRule(parsing: $0) }
            if !searchParams.isEmpty { options.searchParameters = searchParams }
            options.excludedNetworks = excludeIPs
            options.ingest = batch.ingest
            if let geoip { options.geo = try GeoTable(path: geoip) }
            let opened = try Workspace.initialise(path: workspace.resolvedPath)
            if opened.created {
                note("Created workspace \(workspace.resolvedPath) with a new secret key for visitor hashing.")
            }
            var failed = false
            for file in files {
                do {
                    let outcome = try WebLogImport.run(file: file, workspace: opened.workspace, options: options)
                    guard batch.report(outcome.ingest, file: file) else { continue }
                    let stored = outcome.ingest.batch
                    let rate = outcome.ingest.seconds > 0 ? Double(outcome.ingest.lines) / outcome.ingest.seconds : 0
                    let excluded = outcome.excluded > 0 ? ", \(outcome.excluded) excluded by --exclude-ip" : ""
                    note("\(file): \(stored.rows) hits into hits (batch \(stored.id), format \(outcome.format), \(stored.rejects) rejected\(excluded), \(outcome.visits) visits) in \(String(format: "%.2f", outcome.ingest.seconds)) s, \(Int(rate)) lines/s")
                } catch let error as IngestError {
                    note("chm: \(error)")
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
