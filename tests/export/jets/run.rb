# Loads every Jets job file given on the command line with the Jets stub, and prints the rules
# they declare as JSON (see jets_stub.rb).

require_relative "jets_stub"

ARGV.each { |path| load path }
puts JSON.generate(JetsStub.registry)
