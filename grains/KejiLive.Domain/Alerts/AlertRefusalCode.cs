namespace KejiLive.Domain.Alerts;

/// <summary>Why a lifecycle transition was refused.</summary>
public enum AlertRefusalCode
{
    /// <summary>The alert is closed (销号); nothing changes a closed alert.</summary>
    AlertClosed,

    /// <summary>The alert is resolved; it needs no answer (it can still be closed).</summary>
    AlertResolved,

    /// <summary>The remedy (整改措施) is empty or longer than <see cref="AlertLifecycle.MaxTextLength"/>.</summary>
    InvalidRemedy,

    /// <summary>The promised date is before today (Asia/Shanghai).</summary>
    PromiseInPast,

    /// <summary>The promised date is after 31 December of the plan year.</summary>
    PromiseBeyondYearEnd,

    /// <summary>Who acts is not named.</summary>
    MissingActor,

    /// <summary>Closing an alert that is not resolved needs a note saying why; or a note is too long.</summary>
    InvalidNote,

    /// <summary>Only a closed (销号) alert can be reopened by the city office.</summary>
    NotClosed,

    /// <summary>A newer alert of the same key has opened since this one was closed: that one is acted on, not this.</summary>
    NewerAlert,

    /// <summary>Reopening needs a reason (not empty, not longer than <see cref="AlertLifecycle.MaxTextLength"/>).</summary>
    InvalidReason,
}
