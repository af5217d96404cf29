/** The todo sample service built on Wisp's framework. */
module dev.wisp.sample {
    requires dev.wisp.web;
    requires jdk.unsupported; // sun.misc.Signal: SIGTERM and Ctrl-C become a graceful stop

    // Jackson binds the sample's request and response records.
    opens dev.wisp.sample to tools.jackson.databind;
}
