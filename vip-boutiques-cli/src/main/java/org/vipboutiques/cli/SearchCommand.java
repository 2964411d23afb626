package org.vipboutiques.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.vipboutiques.zenodo.SearchListing;
import org.vipboutiques.zenodo.SearchQuery;
import org.vipboutiques.zenodo.SearchResults;
import org.vipboutiques.zenodo.Zenodo;
import org.vipboutiques.zenodo.ZenodoException;
import org.vipboutiques.zenodo.ZenodoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code search [-v] [--sandbox] [-m MAX] [-nt] [-e] [QUERY]}, as {@code bosh search}. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search Zenodo for Boutiques descriptors. When no term is supplied, will search for all descriptors.",
        "Prints the reference's table: ID, TITLE, DESCRIPTION, DOWNLOADS (more columns with --verbose),"
            + " most downloaded first, from the first 25 records Zenodo returns."})
final class SearchCommand extends SourcesAware implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "QUERY", defaultValue = "boutiques", description = "Search query")
  String query;

  @Option(names = {"-v", "--verbose"}, description = "Print information messages")
  boolean verbose;

  @Option(names = "--sandbox", description = "search Zenodo's sandbox instead of production server. Recommended for tests.")
  boolean sandbox;

  @Option(names = {"-m", "--max"}, paramLabel = "MAX",
      description = "Specify the maximum number of results to be returned. Default is 10.")
  Integer max;

  @Option(names = {"-nt", "--no-trunc"}, description = "Do not truncate long tool descriptions.")
  boolean noTrunc;

  @Option(names = {"-e", "--exact"}, description = "Only return results containing the exact query.")
  boolean exact;

  @Override
  ZenodoServer server() {
    return ZenodoServer.of(sandbox);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Zenodo zenodo = sources().zenodo();
    SearchQuery search = new SearchQuery(query, exact);
    String base = zenodo.baseUrl().toString().replaceAll("/$", "");
    if (verbose) {
      out.println("[ INFO ] Using Query Line: " + search.queryLine());
      out.println("[ INFO ] Using Zenodo endpoint " + base);
      out.println("[ INFO ] Using Zenodo endpoint " + base);
    }
    SearchResults results;
    try {
      results = zenodo.search(search);
    } catch (ZenodoException e) {
      throw Sources.failure(e);
    }
    if (verbose) {
      out.println("[ INFO (200) ] Search successful for query \"" + query + "\"");
      out.println("[ INFO ] GET request: " + base + search.requestText());
    }
    SearchListing listing = SearchListing.of(results, max, verbose, noTrunc);
    out.println(listing.summary());
    out.println(PlainTable.render(listing.columns(), listing.rows()));
    return ExitCodes.OK;
  }
}
