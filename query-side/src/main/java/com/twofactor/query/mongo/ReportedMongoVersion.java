package com.twofactor.query.mongo;

import java.util.List;

import de.bwaldvogel.mongo.MongoVersion;

/**
 * The version the in-process server reports. The MongoDB Java driver 5 refuses servers below wire version 8
 * (MongoDB 4.2), and mongo-java-server reports 3.6 unless told otherwise.
 */
enum ReportedMongoVersion implements MongoVersion {

    MONGO_4_2;

    @Override
    public List<Integer> getVersionArray() {
        return List.of(4, 2, 0);
    }

    @Override
    public int getWireVersion() {
        return 8;
    }
}
