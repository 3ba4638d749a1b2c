/// The CSV export layouts chm reads, as the survey tools write them.
public enum SurveyLayout: String, Sendable, CaseIterable, Hashable {
    /// LimeSurvey: `id,submitdate,lastpage,startlanguage,…` then question
    /// columns `Q1`, `Q2[SQ001]`; headers as codes or full text, answers as
    /// codes or labels; an empty `submitdate` marks an incomplete response.
    case limeSurvey = "limesurvey"
    /// KoBoToolbox: `;`, every field quoted, `group/question` headers,
    /// `_id,_uuid,_submission_time,…`, an optional row of HXL tags.
    case kobo
    /// ODK Central: `SubmissionDate` (ISO, UTC), `group-question` headers,
    /// trailing `KEY,SubmitterID,…,ReviewState,…,FormVersion`.
    case odkCentral = "odk-central"
    /// ODK Briefcase: like ODK Central without the review columns, with
    /// dates written as locale strings (`Apr 26, 2018 8:58:20 AM`).
    case odkBriefcase = "odk-briefcase"
    /// SurveyMonkey: two header rows (question, then sub-label), answers as
    /// labels, `Respondent ID,Collector ID,Start Date,End Date,IP Address,…`.
    case surveyMonkey = "surveymonkey"
    /// A plain CSV file with one header row.
    case csv

    /// The tool's name, for messages.
    public var toolName: String {
        switch self {
        case .limeSurvey: "LimeSurvey"
        case .kobo: "KoBoToolbox"
        case .odkCentral: "ODK Central"
        case .odkBriefcase: "ODK Briefcase"
        case .surveyMonkey: "SurveyMonkey"
        case .csv: "plain CSV"
        }
    }

    /// Keys an instrument may use for a per-layout column name: the layout's
    /// own name first, then its family (`odk` for both ODK layouts), then
    /// `default`.
    var referenceKeys: [String] {
        switch self {
        case .odkCentral, .odkBriefcase: [rawValue, "odk", "default"]
        default: [rawValue, "default"]
        }
    }

    /// Header rows before the first respondent (SurveyMonkey writes two).
    var headerRows: Int { self == .surveyMonkey ? 2 : 1 }

    /// Columns that identify the tool's exports (lower-cased): a file with
    /// all columns of one set is that tool's export.
    var signatures: [[String]] {
        switch self {
        case .limeSurvey: [["submitdate", "lastpage", "startlanguage"], ["date submitted", "last page", "start language"]]
        case .kobo: [["_uuid", "_submission_time"], ["_id", "_index", "_submission_time"]]
        case .odkCentral: [["submissiondate", "key", "reviewstate"], ["submissiondate", "key", "submitterid"]]
        case .odkBriefcase: [["submissiondate", "key"]]
        case .surveyMonkey: [["respondent id", "collector id"]]
        case .csv: []
        }
    }

    /// Columns holding personal data the tool writes (lower-cased); never
    /// read, and blanked in the text kept for a rejected row.
    var personalColumns: Set<String> {
        switch self {
        case .limeSurvey: ["token", "ipaddr", "refurl", "ip address", "referrer url", "firstname", "lastname", "email"]
        case .kobo: ["_submitted_by", "username", "phonenumber", "deviceid", "simserial", "subscriberid"]
        case .odkCentral: ["submitterid", "submittername", "deviceid"]
        case .odkBriefcase: ["deviceid", "simserial", "subscriberid", "phonenumber"]
        case .surveyMonkey: ["ip address", "email address", "first name", "last name", "custom data 1"]
        case .csv: []
        }
    }

    /// The response identifier's column, tried in order when the instrument names none.
    var defaultResponseColumns: [String] {
        switch self {
        case .limeSurvey: ["id", "Response ID"]
        case .kobo: ["_uuid", "meta/instanceID", "_id"]
        case .odkCentral, .odkBriefcase: ["KEY", "meta-instanceID"]
        case .surveyMonkey: ["Respondent ID"]
        case .csv: ["response", "response_id", "respondent", "id"]
        }
    }

    /// The submission time's column, tried in order when the instrument names none.
    var defaultSubmittedColumns: [String] {
        switch self {
        case .limeSurvey: ["submitdate", "Date submitted"]
        case .kobo: ["_submission_time", "end"]
        case .odkCentral, .odkBriefcase: ["SubmissionDate"]
        case .surveyMonkey: ["End Date"]
        case .csv: ["submitted", "submitdate", "submission_date", "timestamp"]
        }
    }

    /// The respondent's language, when the tool records it itself.
    var defaultLanguageColumns: [String] {
        self == .limeSurvey ? ["startlanguage", "Start language"] : []
    }

    /// Cell values the tool writes for a question the respondent never saw
    /// or left empty (compared without regard to case).
    var defaultBlankValues: [String] {
        switch self {
        // Label exports write N/A for a question not shown (and for an unticked box never displayed).
        case .limeSurvey: ["N/A"]
        // Older KoBo exports write n/a for a question skipped by its relevance rule.
        case .kobo: ["n/a"]
        default: []
        }
    }

    /// Rows the tool marks as not to be counted, when the instrument sets no
    /// `[completion]` of its own; each applies only when its column exists.
    var defaultCompletion: (incompleteWhenEmpty: [String], exclusions: [(column: String, values: [String], reason: String)]) {
        switch self {
        case .limeSurvey:
            (["submitdate", "Date submitted"], [])
        case .kobo:
            ([], [("_validation_status", ["validation_status_not_approved"], "not_approved")])
        case .odkCentral:
            ([], [("ReviewState", ["rejected"], "rejected"), ("Status", ["missing encrypted form data"], "encrypted")])
        default:
            ([], [])
        }
    }
}
