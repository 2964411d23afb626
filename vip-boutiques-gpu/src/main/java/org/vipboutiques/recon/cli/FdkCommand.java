package org.vipboutiques.recon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.filter.RampFilter;
import org.vipboutiques.recon.geometry.AngleSet;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.FlatDetector;
import org.vipboutiques.recon.geometry.GeometryJson;
import org.vipboutiques.recon.geometry.VolumeGrid;
import org.vipboutiques.recon.nifti.NiftiImage;
import org.vipboutiques.recon.nifti.NiftiReader;
import org.vipboutiques.recon.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** vip-recon fdk: cone-beam FDK reconstruction (circular orbit, flat detector; fan beam with one row). */
@Command(name = "fdk", mixinStandardHelpOptions = true,
    description = "Feldkamp-Davis-Kress reconstruction of cone-beam projections (columns x rows x views) "
        + "over a full circular orbit; fan beam when the detector has one row.")
final class FdkCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "NIFTI", description = "Reconstructed volume.")
  Path output;

  @Option(names = "--size", defaultValue = "0", paramLabel = "N",
      description = "Volume N^3 (default: from the projections' geometry, else the detector width; 64 with --phantom).")
  int size;

  @Option(names = "--voxel", defaultValue = "0", paramLabel = "MM", description = "Voxel size (default: FOV / size, or detector pixel x SID / SDD).")
  double voxel;

  @Mixin
  FilterOptions filter;

  @Mixin
  DatatypeOption datatype;

  @Mixin
  ConeOptions cone;

  @Mixin
  AngleOptions angles;

  @Mixin
  BackendOption backend;

  @Mixin
  PreviewOptions preview;

  @Mixin
  QualityOptions quality;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<PhantomChoice> phantom = input.phantomChoice();
    RampFilter ramp = filter.ramp();
    Volume projections;
    ConeBeamGeometry g;
    Optional<Volume> truth = Optional.empty();
    if (phantom.isPresent()) {
      g = cone.geometry(size > 0 ? size : 64, input.fov, angles.angles(360, 360));
      projections = SyntheticData.projections(phantom.get(), g);
      truth = Optional.of(SyntheticData.truth3D(phantom.get(), g.volume()));
    } else {
      NiftiImage img = NiftiReader.read(input.file());
      projections = img.toVolume();
      g = geometry(img, projections);
    }
    Volume volume;
    try (Backend b = backend.open()) {
      long t0 = System.nanoTime();
      volume = b.coneBeam().fdk(projections, g, ramp);
      out.printf("fdk: %dx%dx%d from %d views of %dx%d on %s in %s%n", g.volume().nx(), g.volume().ny(), g.volume().nz(),
          g.views(), g.detector().columns(), g.detector().rows(), b.description(),
          Timing.describe(b.coneBeam(), System.nanoTime() - t0));
    }
    datatype.writeImage(output, volume, "vip-recon fdk " + ramp.window().cliName());
    preview.write(volume);
    return quality.check(volume, truth, true, out);
  }

  /** The geometry stored with the projections, else built from the options; options override either. */
  private ConeBeamGeometry geometry(NiftiImage img, Volume p) {
    Optional<ConeBeamGeometry> stored = img.header().comment().flatMap(GeometryJson::cone);
    double sid = cone.sid > 0 ? cone.sid : stored.map(ConeBeamGeometry::sourceToIsocentre).orElse(0.0);
    double sdd = cone.sdd > 0 ? cone.sdd : stored.map(ConeBeamGeometry::sourceToDetector).orElse(0.0);
    if (!(sid > 0) || !(sdd > 0)) {
      throw new IllegalArgumentException("the projections carry no geometry: give --sid and --sdd");
    }
    FlatDetector det = stored.map(ConeBeamGeometry::detector).orElseGet(() ->
        new FlatDetector(p.nx(), p.ny(), img.header().pixdim(0), img.header().pixdim(1)));
    if (cone.pixel > 0) {
      det = new FlatDetector(det.columns(), det.rows(), cone.pixel, cone.pixel);
    }
    if (det.columns() != p.nx() || det.rows() != p.ny()) {
      throw new IllegalArgumentException("the geometry's detector is " + det.columns() + "x" + det.rows()
          + " but the projections are " + p.nx() + "x" + p.ny());
    }
    AngleSet a = angles.given() || stored.isEmpty() ? angles.angles(p.nz(), 360) : stored.get().angles();
    VolumeGrid grid = stored.map(ConeBeamGeometry::volume).orElseGet(() ->
        VolumeGrid.cube(p.nx(), p.nx() * img.header().pixdim(0) * sid / sdd));
    if (size > 0 || voxel > 0) {
      int n = size > 0 ? size : grid.nx();
      double h = voxel > 0 ? voxel : grid.nx() * grid.voxelSize() / n;
      grid = new VolumeGrid(n, n, n, h);
    }
    return new ConeBeamGeometry(grid, det, a, sid, sdd);
  }
}
