package dev.fieldgate.samples.pins;

import dev.fieldgate.samples.pins.Inputs.CreatePinInput;
import dev.fieldgate.samples.pins.Inputs.SaveProfileInput;
import dev.fieldgate.samples.pins.Inputs.UpdatePinInput;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.factory.Mappers;

/**
 * Maps between the DynamoDB items and the GraphQL types. Owner fields are never mapped from an input: the
 * resolver runtime stamps them from the caller's identity.
 */
@Mapper
public interface PinMapper {

    PinMapper INSTANCE = Mappers.getMapper(PinMapper.class);

    Pin toPin(PinItem item);

    Profile toProfile(ProfileItem item);

    @Mapping(target = "owner", ignore = true)
    @Mapping(target = "createdAt", source = "now")
    @Mapping(target = "updatedAt", source = "now")
    PinItem newPin(CreatePinInput input, String id, String now);

    @Mapping(target = "owner", ignore = true)
    @Mapping(target = "createdAt", ignore = true)
    @Mapping(target = "updatedAt", source = "now")
    PinItem changes(UpdatePinInput input, String now);

    @Mapping(target = "owner", ignore = true)
    ProfileItem newProfile(SaveProfileInput input);

    @Mapping(target = "owner", source = "owner")
    ProfileItem profileChanges(SaveProfileInput input, String owner);
}
